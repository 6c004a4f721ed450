/** The flow gate and the expect gate against the sandbox, on a virtual clock (no real waiting). */
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, makeFlow } from '../../sandbox/seed.js'
import type { AppmixerClient } from '../../src/appmixer.js'
import { runCallGate } from '../../src/call/expect.js'
import { parseConfig, type Config } from '../../src/config/index.js'
import { runGate } from '../helpers/gate.js'
import { clientFor, failureOf } from '../helpers/client.js'
import { virtualClock } from '../helpers/clock.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
let sandbox: Sandbox
/** One virtual clock per test, shared by the gate and the transport, as main.ts shares one. */
let time: ReturnType<typeof virtualClock>
let close: Array<() => void> = []

afterEach(async () => {
  close.forEach(fn => fn())
  close = []
  await sandbox?.close()
})

async function setUp(options: Parameters<typeof startSandbox>[0] = {}, clock: { start?: number; onSleep?: (ms: number) => void } = {}) {
  sandbox = await startSandbox(options)
  time = virtualClock(clock.start, clock.onSleep)
}

function configFor(inputs: Record<string, string>): Config {
  const all: Record<string, string> = {
    'base-url': sandbox.url,
    username: DEMO_USER.username,
    password: DEMO_USER.password,
    'poll-interval': '5s',
    ...inputs
  }
  return parseConfig({ readInput: name => all[name] ?? '', workspace: '/w' })
}

function flowsMode(inputs: Record<string, string>): Config {
  return configFor(inputs)
}

function callGate(inputs: Record<string, string>, client: AppmixerClient, log: (line: string) => void = () => undefined) {
  const config = configFor({ endpoint: '/user', ...inputs })
  const options = { select: config.select, mask: config.mask, failOnHttpError: config.failOnHttpError, protect: () => undefined }
  return runCallGate(client, config.call!, config.waiting, options, time.clock, log)
}

function connect() {
  const wired = clientFor(sandbox.url, { clock: time.clock })
  close.push(() => wired.transport.close())
  return wired
}

const listRequests = () => sandbox.requests.filter(request => request.path === '/flows')

describe('flow gate', () => {
  it('waits while a flow goes stopped → starting → running', async () => {
    const warming = makeFlow('Orders sync', 'stopped', { upcomingStages: ['stopped', 'starting', 'starting', 'running'] })
    await setUp({ flows: [warming, makeFlow('Invoice mailer')] })
    const { client } = connect()
    const { clock, sleeps } = time
    const lines: string[] = []
    const outcome = await runGate(client, flowsMode({ flows: 'Orders sync\nInvoice mailer', wait: '5m' }), clock, line => lines.push(line))
    expect(outcome).toMatchObject({ verdict: 'pass', polls: 4 })
    expect(sleeps).toEqual([5_000, 5_000, 5_000])
    expect(lines.filter(line => line.startsWith('Check'))).toEqual([
      "Check 1: 'Orders sync' is stopped, expected running; next check in 5s, 5m left",
      "Check 2: 'Orders sync' is starting, expected running; next check in 5s, 4m55s left",
      "Check 3: 'Orders sync' is starting, expected running; next check in 5s, 4m50s left"
    ])
    expect(outcome.flows.map(flow => flow.stage)).toEqual(['running', 'running'])
  })

  it('times out when a flow never runs, within the wait', async () => {
    await setUp()
    const { client } = connect()
    const { clock, elapsed } = time
    const outcome = await runGate(client, flowsMode({ flows: 'Legacy import', wait: '1m', 'poll-interval': '15s' }), clock, () => undefined)
    expect(outcome).toMatchObject({ verdict: 'timeout', polls: 5 })
    expect(elapsed()).toBe(60_000)
    expect(outcome.flows[0]).toMatchObject({ name: 'Legacy import', stage: 'stopped', problem: 'is stopped, expected running' })
  })

  it('finds names on the third page of a server that ignores pattern, one list request a page, with a projection', async () => {
    const flows = Array.from({ length: 250 }, (_, i) => makeFlow(`Flow ${i}`, 'running'))
    await setUp({ flows, patternMode: 'ignored' })
    const { client } = connect()
    const outcome = await runGate(client, flowsMode({ flows: 'Flow 3\nFlow 240' }), time.clock, () => undefined)
    expect(outcome.verdict).toBe('pass')
    expect(outcome.flows.map(flow => flow.name)).toEqual(['Flow 3', 'Flow 240'])
    // The two lookups run together, so their pages interleave.
    // A last page of 50 is confirmed by one more: a server may give fewer flows a page than asked.
    expect(
      listRequests()
        .map(request => request.query.get('offset'))
        .sort()
    ).toEqual(['0', '0', '100', '100', '200', '200', '250', '250'])
    expect(listRequests().every(request => request.query.get('projection')?.startsWith('flowId,name,stage'))).toBe(true)
  })

  it('refuses an ambiguous name, listing the ids', async () => {
    const [a, b] = [makeFlow('Twin'), makeFlow('Twin')]
    await setUp({ flows: [a, b] })
    const { client } = connect()
    const error = await failureOf(runGate(client, flowsMode({ flows: 'Twin' }), time.clock, () => undefined))
    // Candidates come in the listing's order, which sorts by id.
    const [first, second] = [a.flowId, b.flowId].sort()
    expect(error.message).toContain(`'Twin' names 2 flows: ${first} (own, no type), ${second} (own, no type)`)
  })

  it('starts the flows, skipping one already running, then gates on running', async () => {
    const stopped = makeFlow('Orders sync', 'stopped', { startStages: ['starting', 'running'] })
    const running = makeFlow('Invoice mailer')
    await setUp({ flows: [stopped, running] })
    const { client } = connect()
    const lines: string[] = []
    const outcome = await runGate(
      client,
      flowsMode({ flows: 'Orders sync\nInvoice mailer', command: 'start', wait: '1m' }),
      time.clock,
      line => lines.push(line)
    )
    expect(outcome.verdict).toBe('pass')
    const commands = sandbox.requests.filter(request => request.path.endsWith('/coordinator'))
    expect(commands.map(request => [request.path, JSON.parse(request.body)])).toEqual([
      [`/flows/${stopped.flowId}/coordinator`, { command: 'start' }]
    ])
    expect(lines).toContain(`Flow 'Invoice mailer' (${running.flowId}) is already running; no start sent`)
  })

  it('stops flows and gates on stopped by default', async () => {
    await setUp()
    const { client } = connect()
    const outcome = await runGate(client, flowsMode({ flows: 'Orders sync', command: 'stop' }), time.clock, () => undefined)
    expect(outcome.verdict).toBe('pass')
    expect(sandbox.flowNamed('Orders sync')!.stage).toBe('stopped')
  })

  it("fails a refused start with Appmixer's message and the flow's name", async () => {
    const broken = makeFlow('Orders sync', 'stopped', { startError: 'Component transformation validation error' })
    await setUp({ flows: [broken] })
    const { client } = connect()
    const error = await failureOf(runGate(client, flowsMode({ flows: 'Orders sync', command: 'start' }), time.clock, () => undefined))
    expect(error.message).toBe(
      `Appmixer refused to start flow 'Orders sync' (${broken.flowId}): POST /flows/${broken.flowId}/coordinator returned 400 Bad Request: Component transformation validation error`
    )
  })

  it("counts only errors inside the server's window, with the level in severity or level", async () => {
    const now = Date.now()
    const orders = makeFlow('Orders sync')
    const minutesAgo = (minutes: number, severity = 'error') => ({
      severity,
      flowId: orders.flowId,
      gridTimestamp: new Date(now - minutes * 60_000).toISOString(),
      msg: 'Request failed',
      err: '{"message":"boom"}'
    })
    const levelOnly = { ...minutesAgo(6), severity: undefined, level: 'error' }
    await setUp(
      { flows: [orders], logs: [minutesAgo(5), minutesAgo(14), minutesAgo(16), minutesAgo(2, 'info'), levelOnly] },
      { start: now }
    )
    const { client } = connect()
    const gate = (inputs: Record<string, string>) =>
      runGate(client, flowsMode({ flows: 'Orders sync', ...inputs }), time.clock, () => undefined)
    expect((await gate({ 'max-errors': '3' })).verdict).toBe('pass')
    const over = await gate({ 'max-errors': '2' })
    expect(over.verdict).toBe('fail')
    expect(over.problem).toContain('3 errors in the last 15m, budget 2')
    expect(over.flows[0]).toMatchObject({ errors: 3, problem: 'logged 3 errors in the last 15m' })
    expect((await gate({ 'max-errors': '0', 'errors-window': '10m' })).flows[0].errors).toBe(2)
    const logs = sandbox.requests.filter(request => request.path === '/logs')
    expect(logs[0].query.getAll('flowId')).toEqual([orders.flowId])
    // The window is the server's own (date math), not a time from the runner's clock.
    expect(logs[0].query.get('query')).toBe('(severity:error OR level:error) AND gridTimestamp:[now-900s TO *]')
  })

  it('signs in again when the token expires during a long wait', async () => {
    const slow = makeFlow('Orders sync', 'stopped', { upcomingStages: ['stopped', 'starting', 'running'] })
    await setUp({ flows: [slow], tokenLifetimeSeconds: 60 }, { onSleep: ms => (sandbox.state.clockOffsetSeconds += ms / 1000) })
    const { client, tokens } = connect()
    await client.signIn()
    const { clock } = time
    const outcome = await runGate(client, flowsMode({ flows: 'Orders sync', wait: '10m', 'poll-interval': '50s' }), clock, () => undefined)
    expect(outcome.verdict).toBe('pass')
    expect(tokens).toHaveLength(2)
    expect(sandbox.requests.filter(request => request.status === 401)).toHaveLength(1)
  })
})

describe('expect gate', () => {
  it('polls an endpoint until the condition holds', async () => {
    const flow = makeFlow('Orders sync', 'stopped', { upcomingStages: ['stopped', 'running'] })
    await setUp({ flows: [flow] })
    const { client } = connect()
    const lines: string[] = []
    const result = await callGate({ endpoint: `/flows/${flow.flowId}`, expect: "stage == 'running'", wait: '1m' }, client, line =>
      lines.push(line)
    )
    expect(result.poll).toMatchObject({ verdict: 'pass', polls: 2 })
    expect(lines).toEqual([`Check 1: 'stage == 'running'' is false (GET /flows/${flow.flowId} → 200 OK); next check in 5s, 1m left`])
  })

  it('fails an expression that errors, instead of passing', async () => {
    await setUp()
    const { client } = connect()
    const { error } = await callGate({ expect: 'no_such_function(@)' }, client)
    expect((error as Error).message).toMatch(/^Input 'expect': 'no_such_function\(@\)' failed on the response/)
  })

  it('fails a response that is not JSON, instead of passing', async () => {
    await setUp()
    sandbox.fault({ path: '/user', status: 200, raw: 'OK' })
    const { client } = connect()
    const { error, call } = await callGate({ expect: 'id' }, client)
    expect(call?.response.status).toBe(200)
    expect((error as Error).message).toBe("Input 'expect': the response of GET /user (200 OK) is not JSON, so 'expect' cannot be evaluated")
  })
})
