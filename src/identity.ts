/**
 * Who is calling: a User-Agent that lets an Appmixer administrator tell which pipeline made a
 * call, and the link to this run for the job summary.
 */
import { context } from '@actions/github'
import pkg from '../package.json' with { type: 'json' }

export interface RunIdentity {
  readonly userAgent: string
  /** The workflow run's page, when running on GitHub Actions. */
  readonly runUrl?: string
}

export function runIdentity(): RunIdentity {
  const product = `appmixer-action/${pkg.version}`
  const repository = process.env.GITHUB_REPOSITORY ? `${context.repo.owner}/${context.repo.repo}` : undefined
  if (!repository || !context.runId) return { userAgent: product }
  return {
    userAgent: `${product} (${repository}; run ${context.runId})`,
    runUrl: `${context.serverUrl}/${repository}/actions/runs/${context.runId}`
  }
}
