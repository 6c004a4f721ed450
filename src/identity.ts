/**
 * Who is calling: a User-Agent that lets an Appmixer administrator tell which pipeline made a
 * call, and the link to this run for the job summary. Read from the variables the runner sets
 * (the same ones `@actions/github`'s `context` reads; importing that package would load
 * octokit and cost ~90 ms of start-up, docs/benchmarks.md).
 */
import pkg from '../package.json' with { type: 'json' }

export interface RunIdentity {
  readonly userAgent: string
  /** The workflow run's page, when running on GitHub Actions. */
  readonly runUrl?: string
}

export function runIdentity(env: NodeJS.ProcessEnv = process.env): RunIdentity {
  const product = `appmixer-action/${pkg.version}`
  const repository = env.GITHUB_REPOSITORY
  const runId = env.GITHUB_RUN_ID
  if (!repository || !runId) return { userAgent: product }
  const server = env.GITHUB_SERVER_URL || 'https://github.com'
  return { userAgent: `${product} (${repository}; run ${runId})`, runUrl: `${server}/${repository}/actions/runs/${runId}` }
}
