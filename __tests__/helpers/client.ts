/** An Appmixer client wired to a sandbox, the way main.ts wires it, with its log captured. */
import { AppmixerClient } from '../../src/appmixer.js'
import type { Credentials } from '../../src/config/index.js'
import { systemClock } from '../../src/clock.js'
import { HttpTransport, type TransportOptions } from '../../src/http/index.js'
import { DEMO_USER } from '../../sandbox/seed.js'

export const PASSWORD_CREDENTIALS: Credentials = { kind: 'password', username: DEMO_USER.username, password: DEMO_USER.password }

export function clientFor(baseUrl: string, options: Partial<TransportOptions> & { credentials?: Credentials } = {}) {
  const log: string[] = []
  const tokens: string[] = []
  const transport = new HttpTransport({
    userAgent: 'appmixer-action/test',
    timeoutMs: 2_000,
    retries: 3,
    backoff: { baseMs: 10, capMs: 50, maxWaitMs: 1_000 },
    log: line => log.push(line),
    clock: systemClock,
    ...options
  })
  const client = new AppmixerClient(transport, new URL(baseUrl), options.credentials ?? PASSWORD_CREDENTIALS, token => tokens.push(token))
  return { client, transport, log, tokens }
}

/** The error a promise rejects with; fails the test if it resolves. */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('expected the promise to reject')
}
