/**
 * Who is calling, from `@actions/github`'s `context`: a User-Agent that lets an Appmixer
 * administrator tell which pipeline made a call, a log line naming the run, and the link to
 * this run for the job summary.
 */
// The package's own `Context`, the class its `context` is an instance of, imported alone: the
// package entry (`@actions/github`, the only path its `exports` offer besides `lib/utils`) also
// builds octokit's REST client and its table of ~1,000 endpoints when loaded: the costliest part
// of start-up, for an API this action never calls (docs/benchmarks.md). A unit test checks that
// this is the very class of the package's `context`, and that both read the same run.
import { Context } from '../node_modules/@actions/github/lib/context.js'
import pkg from '../package.json' with { type: 'json' }

export interface RunContext {
  readonly userAgent: string
  /** The workflow run's page, when running on GitHub Actions. */
  readonly runUrl?: string
  /** `octo-org/deploy-pipeline run 4242 at 1a2b3c4 by octocat`, for the log. */
  readonly description?: string
  /** The step's `id:` in the workflow, when it has one: it tells apart several steps of one job in the summary. */
  readonly stepId?: string
}

/** The fields of `context` this module reads; a test hands in its own. */
export type ContextFields = Pick<Context, 'serverUrl' | 'runId' | 'sha' | 'actor'> & {
  readonly repository?: string
  readonly action?: string
}

export function runContext(fields: ContextFields = fromGithubContext()): RunContext {
  const product = `appmixer-action/${pkg.version}`
  const { repository, runId } = fields
  // The runner names a step without an `id:` `__run`, `__owner_repo` and the like.
  const stepId = fields.action && !fields.action.startsWith('__') ? fields.action : undefined
  if (!repository || !Number.isFinite(runId)) return { userAgent: product, stepId }
  const sha = fields.sha ? ` at ${fields.sha.slice(0, 7)}` : ''
  const actor = fields.actor ? ` by ${fields.actor}` : ''
  return {
    userAgent: `${product} (${repository}; run ${runId})`,
    runUrl: `${fields.serverUrl}/${repository}/actions/runs/${runId}`,
    description: `${repository} run ${runId}${sha}${actor}`,
    stepId
  }
}

function fromGithubContext(): ContextFields {
  const context = new Context()
  const { serverUrl, runId, sha, actor, action } = context
  let repository: string | undefined
  try {
    const { owner, repo } = context.repo
    repository = `${owner}/${repo}`
  } catch {
    // Outside a workflow (a local run) there is no repository: the User-Agent says less.
  }
  return { serverUrl, runId, sha, actor, repository, action }
}
