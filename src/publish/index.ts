/**
 * Publish a connector before the call or the gate: pack it (or take the ready zip), upload it,
 * follow the upload to its end, and say what came of it. The step goes on only when Appmixer
 * finished without validation errors.
 */
import type { AppmixerClient } from '../appmixer.js'
import type { Clock } from '../clock.js'
import type { PublishConfig } from '../config.js'
import { localPath, packConnector, type Connector } from './pack.js'
import { publishConnector, type PublishResult } from './upload.js'

export interface PublishOutcome {
  readonly config: PublishConfig
  readonly connector: Connector
  readonly result: PublishResult
}

/** Packs before any request: a bad path, manifest or size fails as bad input. */
export function prepareConnector(config: PublishConfig, workspace: string): Promise<Connector> {
  return packConnector(config.input, workspace)
}

export async function publish(
  client: AppmixerClient,
  config: PublishConfig,
  connector: Connector,
  clock: Clock,
  log: (line: string) => void
): Promise<PublishOutcome> {
  const result = await publishConnector(client, connector, { timeoutMs: config.timeoutMs, clock, log })
  return { config, connector, result }
}

/** A validation problem as an annotation: on the local manifest it names, when that can be told. */
export interface PublishProblem {
  readonly message: string
  readonly file?: string
}

export function publishProblems(outcome: PublishOutcome): PublishProblem[] {
  const { result, connector, config } = outcome
  if (!result.err && result.problems.length === 0) return []
  // `Invalid schema for acme/crm/service.json`: the file the errors are about.
  const named = /\b([\w.-]+(?:\/[\w.-]+)+\.json)\b/.exec(result.err ?? '')?.[1]
  const file = named ? localPath(connector, config.input, named) : undefined
  const problems: PublishProblem[] = [{ message: result.err ?? `Appmixer refused ${connector.name}`, file }]
  for (const problem of result.problems) {
    problems.push({ message: problem.dataPath ? `${problem.dataPath}: ${problem.message}` : problem.message, file })
  }
  return problems
}

/** Output `published`. */
export function publishedOutput(outcome: PublishOutcome): {
  name: string
  ticket: string
  bytes: number
  files: number
  finished: string | null
} {
  const { connector, result } = outcome
  return {
    name: connector.name,
    ticket: result.ticket,
    bytes: connector.zip.byteLength,
    files: connector.files,
    finished: result.finished ?? null
  }
}
