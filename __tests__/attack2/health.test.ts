/**
 * Attacks on the health checks: a count of unprocessed messages the server cuts short, an
 * account test answer that mixes shapes, a hold that must last, and an engine range.
 */
import { DEMO_USER, deadLetters, makeAccount, makeFlow } from '../../sandbox/seed.js'
import { attack, startSandbox, type Sandbox } from '../attack/harness.js'

let sandbox: Sandbox
afterEach(() => sandbox?.close())

const NOW = Date.parse('2026-11-28T10:00:00.000Z')

/** A sandbox with flow Orders sync (orders-1) whose Slack component uses one account; the account. */
async function slackOnOrdersSync(stage: 'running' | 'stopped', account: Parameters<typeof makeAccount>[1] = {}) {
  const slack = makeAccount('appmixer:slack', account)
  const flow = makeFlow('Orders sync', stage, { flowId: 'orders-1', flow: { send: { type: 'appmixer.slack.list.Send', config: {} } } })
  sandbox = await startSandbox({ flows: [flow], accounts: [slack], assignments: { send: slack.accountId } })
  return slack
}

describe('max-unprocessed against a server that pages less than asked', () => {
  it('does not pass on the first short page when the server caps a page at 20 messages', async () => {
    const flow = makeFlow('Orders sync', 'running', { flowId: 'orders-1' })
    const letters = deadLetters('orders-1', 100, { now: NOW })
    sandbox = await startSandbox({ flows: [flow], unprocessed: letters })
    // The server's own page cap (20), whatever `limit` asks: the first page holds 20 of 100.
    sandbox.fault({ method: 'GET', path: '/unprocessed-messages', status: 200, body: letters.slice(0, 20) })
    const trace = await attack(sandbox, { flows: 'Orders sync', 'max-unprocessed': '30' })
    const asked = sandbox.requests.filter(({ path }) => path === '/unprocessed-messages').length
    // Observed: pass, unprocessed 20, after one request: 20 < limit 50 is read as the last page.
    expect({ result: trace.outputs.result, asked: asked > 1 }).toEqual({ result: 'fail', asked: true })
  })
})

describe('check-accounts against a mixed test answer', () => {
  it('an answer that says ok: true but marks a token invalid is not valid', async () => {
    const slack = await slackOnOrdersSync('running')
    sandbox.fault({
      method: 'POST',
      path: `/accounts/${slack.accountId}/test`,
      status: 200,
      body: { ok: true, [slack.tokenId]: 'invalid' }
    })
    const trace = await attack(sandbox, { flows: 'Orders sync', 'check-accounts': 'true' })
    // Observed: pass, the account `valid`: `ok` is read before the token state.
    expect(trace.outputs.result).toBe('fail')
  })
})

describe('attacks that should hold (health checks)', () => {
  it('an invalid account stops a command before it is sent', async () => {
    await slackOnOrdersSync('stopped', { test: 'invalid' })
    const trace = await attack(sandbox, { flows: 'Orders sync', 'check-accounts': 'true', command: 'start' })
    expect(trace.outputs.result).toBe('fail')
    expect(sandbox.requests.filter(({ method, path }) => method === 'POST' && path.endsWith('/coordinator'))).toEqual([])
  })

  it('an account test error that echoes the password is redacted everywhere', async () => {
    const slack = await slackOnOrdersSync('running')
    sandbox.fault({
      method: 'POST',
      path: `/accounts/${slack.accountId}/test`,
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: `login ${DEMO_USER.password} refused` },
      times: 10
    })
    const trace = await attack(sandbox, { flows: 'Orders sync', 'check-accounts': 'true' })
    expect(trace.outputs.result).toBe('fail')
    expect(trace.all()).not.toContain(DEMO_USER.password)
  })

  it('a hold passes only after the whole hold, a check each poll-interval', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync', 'running', { flowId: 'orders-1' })] })
    let slept = 0
    const trace = await attack(sandbox, { flows: 'Orders sync', hold: '1m', 'poll-interval': '10s' }, { onSleep: ms => void (slept += ms) })
    expect(trace.outputs.result).toBe('pass')
    expect(slept).toBeGreaterThanOrEqual(60_000)
    expect(sandbox.requests.filter(({ path }) => path.startsWith('/flows')).length).toBeGreaterThanOrEqual(7)
  })

  it('a hold ends as fail the first time the flow is found stopped', async () => {
    sandbox = await startSandbox({
      flows: [makeFlow('Orders sync', 'running', { flowId: 'orders-1', upcomingStages: ['running', 'running', 'stopped'] })]
    })
    const trace = await attack(sandbox, { flows: 'Orders sync', hold: '10m', 'poll-interval': '10s' })
    expect(trace.outputs.result).toBe('fail')
    expect(trace.failed).toMatch(/Hold broken/)
  })

  it('a hold whose check hangs ends within the hold plus one timeout, not as pass', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync', 'running', { flowId: 'orders-1' })] })
    const trace = await attack(sandbox, {
      flows: 'Orders sync',
      hold: '20s',
      'poll-interval': '10s',
      'max-unprocessed': '0',
      timeout: '1s'
    })
    expect(trace.outputs.result).toBe('pass')
    sandbox.fault({ method: 'GET', path: '/unprocessed-messages', hang: true, times: 100 })
    const hung = await attack(sandbox, {
      flows: 'Orders sync',
      hold: '20s',
      'poll-interval': '10s',
      'max-unprocessed': '0',
      timeout: '1s',
      retries: '0'
    })
    expect(hung.outputs.result).not.toBe('pass')
  }, 30_000)
})
