/** A connector release in the job summary: its name, size, file count and what Appmixer said. */
import type { Verdict } from '../errors.js'
import { VERDICT_ICON } from '../step/outcome.js'
import { code, escapeCell, readableTime } from '../summary.js'
import type { Connector } from './pack.js'
import type { UploadOutcome } from './upload.js'

export function publishSummary(connector: Connector, result: UploadOutcome, verdict: Verdict, now?: number): string {
  const said = result.finished
    ? result.err
      ? escapeCell(result.err)
      : `finished ${escapeCell(readableTime(result.finished, now))}`
    : 'not finished in time'
  return [
    `Connector ${code(connector.name, 120)}: ${VERDICT_ICON[verdict]} ${verdict}`,
    '',
    '| | |',
    '| --- | --- |',
    `| Size | ${(connector.zip.byteLength / 1024).toFixed(1)} KiB, ${connector.files} files |`,
    `| Ticket | ${code(result.ticket, 80)} |`,
    `| Result | ${said} |`,
    ...result.problems
      .slice(0, 20)
      .map(problem => `| Problem | ${escapeCell((problem.dataPath ? `${problem.dataPath}: ` : '') + problem.message)} |`),
    ''
  ].join('\n')
}
