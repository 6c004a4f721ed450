/**
 * `publish`: pack the connector (or take the ready zip), upload it, follow the upload to its
 * end, and say what came of it. Later stages run only when Appmixer finished without errors;
 * their wait starts once the connector is in place.
 */
import type { PublishSettings } from '../config/index.js'
import { formatDuration } from '../duration.js'
import { visible } from '../errors.js'
import type { Stage } from '../step/context.js'
import { text, VERDICT_ICON, type Annotation, type Outcome } from '../step/outcome.js'
import { code, escapeCell } from '../summary.js'
import { checkEngine } from './engine.js'
import { localPath, packConnector, type Connector } from './pack.js'
import { publishSummary } from './summary.js'
import { publishConnector, type UploadOutcome } from './upload.js'

/** Annotations of validation errors: GitHub shows ten a step. */
const MAX_ANNOTATIONS = 9

/** Packs before any request: a bad path, manifest or size fails as bad input. */
export function prepareConnector(settings: PublishSettings, workspace: string): Promise<Connector> {
  return packConnector(settings.input, workspace)
}

/** The connector packed before sign-in, handed to the stage (main.ts packs it first). */
export function publishStage(connector: Connector): Stage {
  return {
    name: 'publish',
    startsWait: true,
    run: async step => {
      const settings = step.config.publish!
      // The engine range first: a connector this Appmixer cannot run is not uploaded.
      const engine = connector.engine ? await checkEngine(step.client, connector.name, connector.engine, step.log) : undefined
      if (engine?.kind === 'mismatch') return engineRefused(settings, connector, engine.problem)
      const result = await publishConnector(step.client, connector, { timeoutMs: settings.timeoutMs, clock: step.clock, log: step.log })
      const outcome = publishOutcome(settings, connector, result, step.clock.now())
      return engine?.kind === 'unreadable' ? { ...outcome, annotations: [engine.warning, ...(outcome.annotations ?? [])] } : outcome
    }
  }
}

export function publishOutcome(settings: PublishSettings, connector: Connector, result: UploadOutcome, now: number): Outcome {
  const summary = (verdict: Outcome['verdict']): string => publishSummary(connector, result, verdict, now)
  const title = `publish ${connector.name}`
  if (!result.finished) {
    return {
      verdict: 'timeout',
      title,
      summary: summary('timeout'),
      problem:
        `Publishing ${connector.name} did not finish within publish-timeout (${formatDuration(settings.timeoutMs)}); ` +
        `Appmixer may still finish it (ticket ${visible(result.ticket, 100)})`
    }
  }
  if (result.err || result.problems.length) {
    const count = result.problems.length
    return {
      verdict: 'fail',
      title,
      summary: summary('fail'),
      annotations: problemAnnotations(settings, connector, result),
      problem: `Appmixer refused ${connector.name}: ${result.err ?? 'validation failed'}${count ? ` (${count} validation error${count === 1 ? '' : 's'})` : ''}`
    }
  }
  // Output `published` only for a connector Appmixer took.
  const published = {
    name: connector.name,
    ticket: result.ticket,
    bytes: connector.zip.byteLength,
    files: connector.files,
    finished: result.finished
  }
  return { verdict: 'pass', title, summary: summary('pass'), outputs: [text('published', JSON.stringify(published))] }
}

function engineRefused(settings: PublishSettings, connector: Connector, problem: string): Outcome {
  const file = connector.folder ? localPath(connector, settings.input, `${connector.prefix}bundle.json`) : undefined
  return {
    verdict: 'fail',
    title: `publish ${connector.name}`,
    problem,
    summary: `Connector ${code(connector.name, 120)}: ${VERDICT_ICON.fail} fail, not uploaded\n\n> ${escapeCell(problem)}\n`,
    // On the pull request's diff, where the range is written; the step's own error says it otherwise.
    annotations: file ? [{ level: 'error', message: problem, title: 'Appmixer connector', file }] : []
  }
}

/** Validation errors on the local manifest they name, so they show on the pull request's diff. */
function problemAnnotations(settings: PublishSettings, connector: Connector, result: UploadOutcome): Annotation[] {
  // `Invalid schema for acme/crm/service.json`: the file the errors are about.
  const named = /\b([\w.-]+(?:\/[\w.-]+)+\.json)\b/.exec(result.err ?? '')?.[1]
  const file = named ? localPath(connector, settings.input, named) : undefined
  const messages = [result.err ?? `Appmixer refused ${connector.name}`]
  for (const problem of result.problems) messages.push(problem.dataPath ? `${problem.dataPath}: ${problem.message}` : problem.message)
  return messages.slice(0, MAX_ANNOTATIONS).map(message => ({ level: 'error', message, title: 'Appmixer connector', file }))
}
