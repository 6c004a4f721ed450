/**
 * One end-to-end scenario: dist/index.js run as a step (in debug mode unless told otherwise),
 * then scanned for every secret in play — the password, each token the sandbox issued or was
 * given, and any extra — in stdout, stderr, outputs and the summary. A leak fails the test.
 */
import { runStep, type StepRun } from '../../scripts/local-runner.js'
import type { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER } from '../../sandbox/seed.js'
import { findLeaks } from './leaks.js'

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>
type StepOptions = Parameters<typeof runStep>[0]

export async function runScenario(
  sandbox: Sandbox | undefined,
  options: StepOptions & { secrets?: string[]; tokenOutputAllowed?: boolean }
): Promise<StepRun> {
  const step = await runStep({ debug: true, ...options })
  const secrets = [
    DEMO_USER.password,
    options.inputs.password,
    options.inputs.token,
    ...(sandbox?.state.issuedTokens ?? []),
    ...(options.secrets ?? [])
  ]
  const leaks = findLeaks(
    step,
    secrets.filter((secret): secret is string => Boolean(secret)),
    { tokenOutputAllowed: options.tokenOutputAllowed }
  )
  if (leaks.length) throw new Error(`Secrets leaked:\n${leaks.join('\n')}\n--- stdout ---\n${step.stdout}`)
  return step
}

/** Environment for a step in which no *.appmixer.cloud host resolves (see no-tenant-dns.mjs). */
export const NO_TENANT_DNS = { NODE_OPTIONS: `--import=${new URL('./no-tenant-dns.mjs', import.meta.url).pathname}` }

/** Inputs that sign in to a sandbox as its demo user. */
export function signInTo(sandbox: Sandbox): Record<string, string> {
  return { 'base-url': sandbox.url, username: DEMO_USER.username, password: DEMO_USER.password }
}
