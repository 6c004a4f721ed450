/**
 * Export: each listed flow read whole (`GET /flows/:id`) and turned into a flow file text, with
 * the file names chosen over the whole set (so a collision is settled the same way every time).
 * Writing the files is the caller's: this module does no file I/O.
 */
import { segment, type FlowApi } from './api.js'
import { flowFileNames } from './file-names.js'
import { flowFileText } from './flow-file.js'

export interface ExportedFlow {
  readonly flowId: string
  readonly name: string
  /** The file name, without a folder: `orders-sync.json`. */
  readonly fileName: string
  readonly text: string
}

/** Reads the flows one after another and gives their files, in the order of `flowIds`. */
export async function exportFlows(api: FlowApi, flowIds: readonly string[], redact?: (text: string) => string): Promise<ExportedFlow[]> {
  const read: Array<{ flowId: string; name: string; text: string }> = []
  for (const flowId of flowIds) {
    const text = flowFileText(await api.getJson(`/flows/${segment(flowId)}`), redact)
    const { name } = JSON.parse(text) as { name?: unknown }
    read.push({ flowId, name: typeof name === 'string' ? name : flowId, text })
  }
  const names = flowFileNames(read, redact)
  return read.map(flow => ({ ...flow, fileName: names.get(flow.flowId)! }))
}
