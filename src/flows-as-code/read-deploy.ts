/**
 * Reads the flow files of a `deploy` path (a folder, or one file) before any request: every
 * problem with them is bad input, found while nothing has been changed yet.
 */
import { readFile, readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { InputError, quote } from '../errors.js'
import { isInside } from '../input-parsers.js'
import { parseFlowFile, type FlowFile } from './flow-file.js'

export interface DeployFile {
  /** The file's path relative to the workspace, with `/` separators, as outputs show it. */
  readonly file: string
  readonly flow: FlowFile
}

export interface DeployFiles {
  /** In file name order. */
  readonly files: readonly DeployFile[]
  /** What was left out and why, one log line each (symbolic links, subfolders). */
  readonly notes: readonly string[]
}

/**
 * The flow files `input` names, relative to `workspace`. Its real path must lie inside the
 * workspace's real path (a link must not lead a deploy outside the repository); in a folder,
 * only `*.json` files are read and symbolic links are left out, since one could point anywhere.
 * A file that is not a flow, one without `flowId`, or two files with one `flowId` fail, naming
 * the files.
 */
export async function readDeployFiles(input: string, workspace: string): Promise<DeployFiles> {
  const bad = (problem: string) => new InputError('deploy', problem)
  const realWorkspace = await realpath(workspace)
  const target = path.resolve(workspace, input)
  const real = await realpath(target).catch(() => undefined)
  if (!real) throw bad(`${quote(input)} does not exist in the workspace`)
  if (!isInside(realWorkspace, real)) throw bad(`${quote(input)} resolves outside the workspace; give a path inside the repository`)
  const shown = (file: string) => path.relative(workspace, file).split(path.sep).join('/')

  const notes: string[] = []
  // Read through the real path that was checked (a link is not followed a second time); named by the path given.
  let paths: Array<{ readonly read: string; readonly name: string }>
  if ((await stat(real)).isDirectory()) {
    paths = []
    const entries = (await readdir(real, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    for (const entry of entries) {
      const name = shown(path.join(target, entry.name))
      if (entry.isSymbolicLink()) notes.push(`Left out ${quote(name)}: a symbolic link (it could point outside the repository)`)
      else if (entry.isDirectory()) notes.push(`Left out ${quote(name)}: a folder (deploy reads the flow files of one folder)`)
      else if (entry.isFile() && entry.name.endsWith('.json')) paths.push({ read: path.join(real, entry.name), name })
    }
    if (paths.length === 0) throw bad(`${quote(input)} holds no flow files (*.json)`)
  } else {
    if (!target.endsWith('.json')) throw bad(`${quote(input)} is neither a folder nor a flow file (*.json)`)
    paths = [{ read: real, name: shown(target) }]
  }

  const files: DeployFile[] = []
  const problems: string[] = []
  for (const { read, name } of paths) {
    try {
      files.push({ file: name, flow: parseFlowFile(await readFile(read, 'utf8'), name) })
    } catch (error) {
      if (!(error instanceof InputError)) throw error
      problems.push(error.message.slice(`Input '${error.input}': `.length))
    }
  }
  problems.push(...sharedIds(files))
  if (problems.length > 0) throw bad(problems.join('; '))
  return { files, notes }
}

/** One problem for each flowId that several files hold: a deploy keyed by id would be ambiguous. */
function sharedIds(files: readonly DeployFile[]): string[] {
  const byId = new Map<string, string[]>()
  for (const { file, flow } of files) byId.set(flow.flowId, [...(byId.get(flow.flowId) ?? []), file])
  return [...byId]
    .filter(([, holders]) => holders.length > 1)
    .map(
      ([flowId, holders]) => `${holders.map(file => quote(file)).join(' and ')} hold the same flowId ${quote(flowId)}; keep one file a flow`
    )
}
