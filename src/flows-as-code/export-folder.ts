/**
 * What an export finds in its folder before it writes: a file at a target path that is not a
 * flow file (an export into the repository's root must not overwrite `package.json`) is an
 * error, and a flow file that holds one of the exported flows under another name (the flow was
 * renamed) is stale: left there, a later deploy of the folder would find one id twice.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { ActionError, errorMessage, quote } from '../errors.js'
import { parseFlowFile } from './flow-file.js'

export interface FolderFindings {
  /** Files of exported flows under an old name, to remove. */
  readonly stale: readonly string[]
}

export async function inspectExportFolder(
  folder: string,
  flows: ReadonlyArray<{ readonly flowId: string; readonly fileName: string }>
): Promise<FolderFindings> {
  // A folder not made yet holds nothing; one that cannot be read fails (ours, so `fail`): the
  // check that no other file is overwritten must not be skipped.
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw new ActionError(`Could not read the export folder ${quote(folder)}: ${errorMessage(error)}`)
  })
  const targets = new Set(flows.map(flow => flow.fileName))
  const ids = new Set(flows.map(flow => flow.flowId))
  const stale: string[] = []
  for (const entry of entries) {
    // A symbolic link where a flow file goes is replaced by the rename, never followed or read.
    if (!entry.name.endsWith('.json') || entry.name.startsWith('.') || !entry.isFile()) continue
    const flowId = await flowIdOf(path.join(folder, entry.name))
    if (targets.has(entry.name) && flowId === undefined) {
      throw new ActionError(
        `Export would overwrite ${quote(entry.name)}, which is not a flow file; export into a folder of its own (e.g. export: flows)`
      )
    }
    if (!targets.has(entry.name) && flowId !== undefined && ids.has(flowId)) stale.push(entry.name)
  }
  return { stale: stale.sort() }
}

/** The flowId of a flow file, or undefined for any other file. */
async function flowIdOf(file: string): Promise<string | undefined> {
  try {
    return parseFlowFile(await readFile(file, 'utf8'), file).flowId
  } catch {
    return undefined
  }
}
