/**
 * The inputs of flows as code: `export` (the listed flows written as flow files into a folder)
 * and `deploy` (flow files created or updated on the tenant) with `deploy-mode` and
 * `update-instances`. Contradictions are bad input here, before any request; whether a path
 * really lies inside the workspace (following symbolic links) is checked when the files are
 * read or the folder is made, still before any request (main.ts `prepare`).
 */
import path from 'node:path'
import { InputError, quote } from '../errors.js'
import { CONTROL_CHARS, isInside, parseBoolean, parseChoice } from '../input-parsers.js'
import type { InputName, InputReader } from './inputs.js'
import type { DeploySettings, ExportSettings, GateSettings } from './settings.js'

export function parseDeploy(input: InputReader, workspace: string): DeploySettings | undefined {
  const deploy = input('deploy')
  const mode = parseChoice('deploy-mode', input('deploy-mode'), ['apply', 'plan', 'check'] as const)
  const updateInstances = parseBoolean('update-instances', input('update-instances'), false)
  if (!deploy) {
    if (mode) throw new InputError('deploy-mode', "is set, but 'deploy' is empty; give the folder (or file) of flow files to deploy")
    if (updateInstances) {
      throw new InputError('update-instances', "is true, but 'deploy' is empty; it rolls out the integration templates a deploy wrote")
    }
    return undefined
  }
  if (input('export')) {
    throw new InputError('deploy', "cannot be combined with 'export'; export in one step (from the source tenant), deploy in another")
  }
  checkPath('deploy', deploy, workspace)
  return { input: deploy, mode: mode ?? 'apply', updateInstances, keepStages: !input('command') && !input('stage') }
}

/**
 * `export` with the flows the gate settings list (their `flows` and `flow-filter`); `gate` is
 * the parsed gate, undefined when no `flows` were listed.
 */
export function parseExport(input: InputReader, gate: GateSettings | undefined, workspace: string): ExportSettings | undefined {
  const folder = input('export')
  if (!folder) return undefined
  if (!gate || gate.flows.length === 0) throw new InputError('export', "needs 'flows': list the flows to export, one id or name a line")
  checkPath('export', folder, workspace)
  return { input: folder, flows: gate.flows, flowFilter: gate.flowFilter }
}

/** A path as written must stay inside the workspace; links in it are followed later. */
function checkPath(name: InputName, text: string, workspace: string): void {
  if (CONTROL_CHARS.test(text)) throw new InputError(name, 'the path contains a control character')
  if (!isInside(path.resolve(workspace), path.resolve(workspace, text))) {
    throw new InputError(name, `${quote(text)} is outside the workspace; give a path inside the repository`)
  }
}
