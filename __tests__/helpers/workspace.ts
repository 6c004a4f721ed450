/** A throw-away workspace for flows-as-code tests, and flow files written into it as the action writes them. */
import { mkdir, mkdtemp, realpath, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** A new empty folder under the system's temporary folder, by its real path (as the action resolves paths). */
export async function tempWorkspace(prefix: string): Promise<string> {
  return realpath(await mkdtemp(path.join(tmpdir(), prefix)))
}

/** A flow file in `workspace/flows/`, as pretty-printed JSON with a final newline. */
export async function writeFlowFile(workspace: string, name: string, content: Record<string, unknown>): Promise<void> {
  await mkdir(path.join(workspace, 'flows'), { recursive: true })
  await writeFile(path.join(workspace, 'flows', name), `${JSON.stringify(content, null, 2)}\n`)
}
