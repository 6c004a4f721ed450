/**
 * `export`: the listed flows (resolved by the resolve stage) written as flow files into a
 * folder of the workspace, one file a flow, the same flow always the same bytes, the step's
 * secrets redacted. An export reads flows whatever their stage and does not gate on them unless
 * a gate input asks for it too (config/gate.ts `asksForGate`).
 */
import { mkdir, rm, stat } from 'node:fs/promises'
import path from 'node:path'
import type { ExportSettings } from '../config/index.js'
import { ActionError, InputError, errorMessage, quote } from '../errors.js'
import type { Stage } from '../step/context.js'
import { text, type Outcome } from '../step/outcome.js'
import { code, escapeCell } from '../summary.js'
import { writeText } from '../response-file.js'
import { realPathInWorkspace } from '../workspace.js'
import { exportFlows } from './export.js'
import { inspectExportFolder } from './export-folder.js'

/** Rows of the exported table; the rest are in output `exported`. */
const MAX_SUMMARY_ROWS = 300

/** The folder as it is written to (its real path, inside the workspace), checked before any request. */
export async function prepareExport(settings: ExportSettings, workspace: string): Promise<string> {
  const folder = await realPathInWorkspace('export', settings.input, workspace, settings.input)
  const found = await stat(folder).catch(() => undefined)
  if (found && !found.isDirectory()) throw new InputError('export', `${quote(settings.input)} is a file; give a folder for the flow files`)
  return folder
}

/** `folder` is the real path `prepareExport` checked. */
export function exportStage(folder: string): Stage {
  return {
    name: 'export',
    run: async (step): Promise<Outcome> => {
      const settings = step.config.export!
      const flows = await exportFlows(
        step.client,
        step.gated!.targets.map(flow => flow.flowId),
        step.runner.redact
      )
      const { stale } = await inspectExportFolder(folder, flows)
      try {
        await mkdir(folder, { recursive: true })
        for (const flow of flows) await writeText(path.join(folder, flow.fileName), flow.text)
        for (const file of stale) {
          await rm(path.join(folder, file), { force: true })
          step.log(`Removed ${quote(file)}: the flow it held is exported under its new name`)
        }
      } catch (error) {
        // A local failure: never `unavailable`, and never a pass.
        throw new ActionError(`Could not write the flow files into ${quote(settings.input)}: ${errorMessage(error)}`)
      }
      // Paths as the workflow sees them: relative to the workspace, `/` separators.
      const shown = path.relative(step.workspace, path.resolve(step.workspace, settings.input)).split(path.sep).join('/')
      const exported = flows.map(({ flowId, name, fileName }) => ({ flowId, name, file: shown ? `${shown}/${fileName}` : fileName }))
      for (const entry of exported) step.log(`Exported ${quote(entry.name)} to ${entry.file}`)
      step.log('A flow descriptor can hold secrets typed into component properties: review the files before committing them')
      return {
        verdict: 'pass',
        title: `export ${settings.input}`,
        outputs: [text('exported', JSON.stringify(exported))],
        summary: exportSummary(settings, exported)
      }
    }
  }
}

function exportSummary(settings: ExportSettings, exported: ReadonlyArray<{ name: string; file: string }>): string {
  const lines = [
    `Exported ${exported.length} flow${exported.length === 1 ? '' : 's'} into ${code(settings.input, 120)}. ` +
      'A flow descriptor can hold secrets typed into component properties: review the files before committing them.',
    '',
    '| Flow | File |',
    '| --- | --- |',
    ...exported.slice(0, MAX_SUMMARY_ROWS).map(entry => `| ${escapeCell(entry.name)} | ${code(entry.file, 160)} |`)
  ]
  if (exported.length > MAX_SUMMARY_ROWS) lines.push(`| and ${exported.length - MAX_SUMMARY_ROWS} more (see output \`exported\`) | |`)
  return [...lines, ''].join('\n')
}
