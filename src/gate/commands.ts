/** Start or stop flows around a deploy: `POST /flows/:id/coordinator` with `{command}`. */
import type { AppmixerClient } from '../appmixer.js'
import type { FlowCommand } from '../config.js'
import { HttpError } from '../errors.js'
import { flowLabel, type FlowInfo } from './flows.js'

const RESULTING_STAGE: Record<FlowCommand, string> = { start: 'running', stop: 'stopped' }

/**
 * Sends the command to each flow not already where it would take it (what Appmixer does with
 * `start` on a running flow is not documented, so it is not asked). Returns the flows it sent to.
 */
export async function sendCommand(
  client: AppmixerClient,
  flows: readonly FlowInfo[],
  command: FlowCommand,
  log: (line: string) => void
): Promise<FlowInfo[]> {
  const sent: FlowInfo[] = []
  for (const flow of flows) {
    if (flow.stage === RESULTING_STAGE[command]) {
      log(`Flow ${flowLabel(flow)} is already ${flow.stage}; no ${command} sent`)
      continue
    }
    const path = `/flows/${encodeURIComponent(flow.flowId)}/coordinator`
    try {
      await client.postJson(path, { command })
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      throw error.retold(
        `Appmixer refused to ${command} flow ${flowLabel(flow)}: POST ${path} returned ${error.statusLine}: ${error.detail}`
      )
    }
    log(`Sent ${command} to flow ${flowLabel(flow)}`)
    sent.push(flow)
  }
  return sent
}
