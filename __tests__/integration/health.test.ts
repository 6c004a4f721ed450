/**
 * Health beyond the stage, against the sandbox on a virtual clock: unprocessed messages counted
 * exactly, connected accounts tested (before a command too), a hold after the gate passed, and a
 * connector's engine range checked before its upload. A check that cannot complete never passes.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { zipSync } from 'fflate'
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, connectorComponent, deadLetters, makeAccount, makeFlow, sharedFlow, unprocessedMessage } from '../../sandbox/seed.js'
import { parseConfig, type Config } from '../../src/config/index.js'
import { InputError } from '../../src/errors.js'
import { prepareConnector } from '../../src/publish/stage.js'
import { errorOutcome } from '../../src/step/outcome.js'
import { ROOT } from '../../scripts/local-runner.js'
import { clientFor, failureOf } from '../helpers/client.js'
import { virtualClock } from '../helpers/clock.js'
import { runGate } from '../helpers/gate.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
type SandboxFlow = ReturnType<typeof makeFlow>
type Account = ReturnType<typeof makeAccount>
let sandbox: Sandbox
let time: ReturnType<typeof virtualClock>
let close: Array<() => void> = []

afterEach(async () => {
  close.forEach(fn => fn())
  close = []
  await sandbox?.close()
})

async function setUp(options: Parameters<typeof startSandbox>[0] = {}, onSleep?: (ms: number) => void) {
  sandbox = await startSandbox(options)
  time = virtualClock(undefined, onSleep)
}

function configFor(inputs: Record<string, string>, workspace = '/w'): Config {
  const all: Record<string, string> = {
    'base-url': sandbox.url,
    username: DEMO_USER.username,
    password: DEMO_USER.password,
    'poll-interval': '15s',
    ...inputs
  }
  return parseConfig({ readInput: name => all[name] ?? '', workspace })
}

function gate(inputs: Record<string, string>, lines: string[] = []) {
  const wired = clientFor(sandbox.url, { clock: time.clock })
  close.push(() => wired.transport.close())
  return runGate(wired.client, configFor(inputs), time.clock, line => lines.push(line))
}

const requestsTo = (pattern: RegExp) => sandbox.requests.filter(request => pattern.test(request.path))
const unprocessedRequests = () => requestsTo(/^\/unprocessed-messages$/)

/** A flow with one component bound to each account given. */
function flowUsing(name: string, accounts: Account[], assignments: Record<string, string>, stage = 'running'): SandboxFlow {
  const flow = makeFlow(name, stage)
  for (const account of accounts) {
    const [componentId, component] = connectorComponent(`appmixer.${account.service.split(':').pop()}.core.Send`)
    flow.flow = { ...flow.flow, [componentId]: component }
    assignments[componentId] = account.accountId
  }
  return flow
}

describe('max-unprocessed', () => {
  it('counts each flow exactly, paging 50 at a time until a short page, against one budget', async () => {
    const [a, b] = [makeFlow('Orders sync'), makeFlow('Invoice mailer')]
    const now = Date.now()
    await setUp({ flows: [a, b], unprocessed: [...deadLetters(a.flowId, 120, { now }), ...deadLetters(b.flowId, 3, { now })] })
    const outcome = await gate({ flows: 'Orders sync\nInvoice mailer', 'max-unprocessed': '123' })
    expect(outcome.verdict).toBe('pass')
    expect(outcome.flows.map(flow => [flow.name, flow.unprocessed])).toEqual([
      ['Orders sync', 120],
      ['Invoice mailer', 3]
    ])
    const pages = unprocessedRequests().map(request => [
      request.query.get('flowId'),
      request.query.get('offset'),
      request.query.get('limit')
    ])
    expect(pages.filter(([flowId]) => flowId === a.flowId).map(([, offset, limit]) => `${offset}/${limit}`)).toEqual([
      '0/50',
      '50/50',
      '100/50',
      // A short page of 20 is confirmed by one more: a server may give fewer messages than asked.
      '120/50'
    ])
    expect(pages.filter(([flowId]) => flowId === b.flowId)).toHaveLength(1)
    expect(outcome.flows[0]).toMatchObject({ errors: null, accounts: null })
  })

  it('fails over the budget, naming the flows and the newest messages (component, time, error)', async () => {
    const [a, b] = [makeFlow('Orders sync'), makeFlow('Invoice mailer')]
    const now = Date.parse('2026-11-28T10:00:00.000Z')
    const newest = unprocessedMessage(b.flowId, {
      componentId: 'c0ffee00-0000-4000-8000-00000000beef',
      created: '2026-11-28T10:30:00.000Z',
      err: JSON.stringify({ message: 'Slack answered 429 Too Many Requests', name: 'AxiosError' })
    })
    await setUp({ flows: [a, b], unprocessed: [...deadLetters(a.flowId, 4, { now }), ...deadLetters(b.flowId, 2, { now }), newest] })
    const outcome = await gate({ flows: 'Orders sync\nInvoice mailer', 'max-unprocessed': '5', wait: '1m' })
    expect(outcome.verdict).toBe('timeout')
    expect(outcome.problem).toContain('7 unprocessed messages, budget 5')
    expect(outcome.flows.find(flow => flow.name === 'Orders sync')).toMatchObject({
      unprocessed: 4,
      problem: 'holds 4 unprocessed messages'
    })
    const summary = outcome.outcomes.at(-1)!.summary!
    expect(summary).toContain('at most **5** unprocessed messages')
    expect(summary).toContain('Newest unprocessed messages:')
    expect(summary).toContain(
      "> - 'Invoice mailer', component c0ffee00-0000-4000-8000-00000000beef, 2026-11-28T10:30:00.000Z: Slack answered 429 Too Many Requests"
    )
  })

  it('passes at exactly the budget, and with no messages at all', async () => {
    const flow = makeFlow('Orders sync')
    await setUp({ flows: [flow, makeFlow('Invoice mailer')], unprocessed: deadLetters(flow.flowId, 5, { now: Date.now() }) })
    expect((await gate({ flows: 'Orders sync', 'max-unprocessed': '5' })).verdict).toBe('pass')
    const quiet = await gate({ flows: 'Invoice mailer', 'max-unprocessed': '0' })
    expect(quiet).toMatchObject({ verdict: 'pass' })
    expect(quiet.flows[0].unprocessed).toBe(0)
  })

  it('counts the messages of a shared flow', async () => {
    const shared = sharedFlow('Team digest')
    await setUp({ flows: [makeFlow('Orders sync'), shared], unprocessed: deadLetters(shared.flowId, 2, { now: Date.now() }) })
    const outcome = await gate({ flows: 'Orders sync\nTeam digest', 'max-unprocessed': '1' })
    expect(outcome.verdict).toBe('fail')
    expect(outcome.flows[0]).toMatchObject({ name: 'Team digest', unprocessed: 2 })
  })

  it("counts only the flow's own messages on a server that ignores flowId", async () => {
    const [a, other] = [makeFlow('Orders sync'), makeFlow('Invoice mailer')]
    const now = Date.now()
    await setUp({
      flows: [a, other],
      unprocessedIgnoresFlowId: true,
      unprocessed: [...deadLetters(other.flowId, 60, { now }), ...deadLetters(a.flowId, 2, { now })]
    })
    const outcome = await gate({ flows: 'Orders sync', 'max-unprocessed': '2' })
    expect(outcome.verdict).toBe('pass')
    expect(outcome.flows[0].unprocessed).toBe(2)
    // All 62 messages are read, two pages and the empty one after the short one, to find the flow's two.
    expect(unprocessedRequests().map(request => request.query.get('offset'))).toEqual(['0', '50', '62'])
  })

  it('does not loop on a server that ignores paging: a page with nothing new ends it', async () => {
    const flow = makeFlow('Orders sync')
    await setUp({ flows: [flow], unprocessedIgnoresPaging: true, unprocessed: deadLetters(flow.flowId, 70, { now: Date.now() }) })
    const outcome = await gate({ flows: 'Orders sync', 'max-unprocessed': '100' })
    expect(outcome.verdict).toBe('pass')
    expect(outcome.flows[0].unprocessed).toBe(70)
    expect(unprocessedRequests()).toHaveLength(2)
  })

  it('never passes when a full page comes again and more may be hidden (offset ignored)', async () => {
    const flow = makeFlow('Orders sync')
    await setUp({ flows: [flow], unprocessedIgnoresPaging: true, unprocessed: deadLetters(flow.flowId, 50, { now: Date.now() }) })
    const error = await failureOf(gate({ flows: 'Orders sync', 'max-unprocessed': '100' }))
    expect(error.message).toContain('Could not count unprocessed messages')
    expect(error.message).toContain('answered the same page for offset 50')
    expect(unprocessedRequests()).toHaveLength(2)
  })

  it("never passes when a shorter page than asked comes again: it may be the server's cap (offset ignored)", async () => {
    const flow = makeFlow('Orders sync')
    await setUp({ flows: [flow], unprocessedIgnoresPaging: true, unprocessed: deadLetters(flow.flowId, 30, { now: Date.now() }) })
    const error = await failureOf(gate({ flows: 'Orders sync', 'max-unprocessed': '100' }))
    expect(error.message).toContain('answered the same page for offset 30')
  })

  it('never passes on an answer that is not a list', async () => {
    await setUp({ flows: [makeFlow('Orders sync')] })
    sandbox.fault({ path: '/unprocessed-messages', status: 200, body: { messages: [] } })
    const error = await failureOf(gate({ flows: 'Orders sync', 'max-unprocessed': '10' }))
    expect(error.message).toMatch(
      /Could not count unprocessed messages: GET \/unprocessed-messages for 'Orders sync' at .* answered an object/
    )
  })

  it('stops reading once the budget is exceeded, and says so', async () => {
    const flow = makeFlow('Orders sync')
    await setUp({ flows: [flow], unprocessed: deadLetters(flow.flowId, 400, { now: Date.now() }) })
    const outcome = await gate({ flows: 'Orders sync', 'max-unprocessed': '60' })
    expect(outcome.verdict).toBe('fail')
    expect(outcome.problem).toContain('more than 60 unprocessed messages, budget 60')
    expect(unprocessedRequests()).toHaveLength(2)
  })
})

describe('check-accounts', () => {
  function tenantWith(tests: Account['test'][]) {
    const assignments: Record<string, string> = {}
    const accounts = tests.map((test, i) => makeAccount(i ? `appmixer:gmail${i}` : 'appmixer:slack', { test }))
    const flows = [flowUsing('Orders sync', accounts, assignments), makeFlow('Invoice mailer')]
    return { flows, accounts, assignments }
  }

  it.each([
    ['valid', 'valid'],
    ['refreshed', 'valid'],
    ['ok', 'valid'],
    ['invalid', 'invalid'],
    ['empty', 'unknown'],
    ['error-500', 'unknown'],
    ['error-400', 'unknown']
  ] as const)('reads a test answering %s as %s; anything not valid fails at once', async (test, status) => {
    const tenant = tenantWith([test])
    await setUp(tenant)
    const outcome = await gate({ flows: 'Orders sync\nInvoice mailer', 'check-accounts': 'true', wait: '5m' })
    const [account] = tenant.accounts
    const entry = outcome.flows.find(flow => flow.name === 'Orders sync')!
    expect(entry.accounts).toEqual([{ accountId: account.accountId, service: 'appmixer:slack', name: 'slack@example.com', status }])
    expect(outcome.flows.find(flow => flow.name === 'Invoice mailer')!.accounts).toEqual([])
    if (status === 'valid') {
      expect(outcome.verdict).toBe('pass')
      return
    }
    // No waiting for an account to heal: one round, no sleep.
    expect(outcome.verdict).toBe('fail')
    expect(time.sleeps).toEqual([])
    const words = status === 'invalid' ? 'is invalid' : 'could not be tested'
    expect(outcome.problem).toContain(`1 account not valid: 'slack@example.com' (appmixer:slack) ${words}, used by 'Orders sync'`)
    expect(entry.problem).toBe(`uses account 'slack@example.com' (appmixer:slack), which ${words}`)
  })

  it('tests an account two flows use once a round, and names both flows when it fails', async () => {
    const assignments: Record<string, string> = {}
    const slack = makeAccount('appmixer:slack', { test: 'invalid', displayName: 'Ops Slack' })
    const flows = [flowUsing('Orders sync', [slack], assignments), flowUsing('Invoice mailer', [slack], assignments)]
    await setUp({ flows, accounts: [slack], assignments })
    const outcome = await gate({ flows: 'Orders sync\nInvoice mailer', 'check-accounts': 'true' })
    expect(sandbox.state.accountTests.get(slack.accountId)).toBe(1)
    expect(requestsTo(/^\/accounts$/)).toHaveLength(1)
    expect(outcome.problem).toContain("'Ops Slack' (appmixer:slack) is invalid, used by 'Orders sync', 'Invoice mailer'")
  })

  it('names an account by its displayName, else its name', async () => {
    const assignments: Record<string, string> = {}
    const account = makeAccount('appmixer:slack', { displayName: '', name: 'bot@acme.com' })
    await setUp({ flows: [flowUsing('Orders sync', [account], assignments)], accounts: [account], assignments })
    const outcome = await gate({ flows: 'Orders sync', 'check-accounts': 'true' })
    expect(outcome.flows[0].accounts).toEqual([expect.objectContaining({ name: 'bot@acme.com', status: 'valid' })])
  })

  it('tests the accounts before a command, and sends none when one is not valid', async () => {
    const assignments: Record<string, string> = {}
    const slack = makeAccount('appmixer:slack', { test: 'invalid' })
    await setUp({ flows: [flowUsing('Orders sync', [slack], assignments, 'stopped')], accounts: [slack], assignments })
    const outcome = await gate({ flows: 'Orders sync', 'check-accounts': 'true', command: 'start' })
    expect(outcome.verdict).toBe('fail')
    expect(outcome.problem).toMatch(/^No start sent: 1 account not valid: 'slack@example.com' \(appmixer:slack\) is invalid/)
    expect(outcome.outcomes.map(stage => stage.title)).toEqual([undefined, "gate on 'Orders sync'"])
    expect(requestsTo(/coordinator/)).toEqual([])
    expect(outcome.changed).toEqual([])
  })

  it('sends the command after the accounts tested valid, and tests them again at the check', async () => {
    const assignments: Record<string, string> = {}
    const slack = makeAccount('appmixer:slack', { test: 'refreshed' })
    const flow = flowUsing('Orders sync', [slack], assignments, 'stopped')
    flow.startStages = ['running']
    await setUp({ flows: [flow], accounts: [slack], assignments })
    const outcome = await gate({ flows: 'Orders sync', 'check-accounts': 'true', command: 'start', wait: '1m' })
    expect(outcome.verdict).toBe('pass')
    const paths = sandbox.requests.map(request => `${request.method} ${request.path}`)
    const firstTest = paths.indexOf(`POST /accounts/${slack.accountId}/test`)
    expect(firstTest).toBeGreaterThan(-1)
    expect(firstTest).toBeLessThan(paths.indexOf(`POST /flows/${flow.flowId}/coordinator`))
    expect(sandbox.state.accountTests.get(slack.accountId)).toBe(2)
  })

  it('never passes when the accounts of a flow cannot be read', async () => {
    const tenant = tenantWith(['valid'])
    await setUp(tenant)
    sandbox.fault({ path: /^\/accounts\/flow\//, status: 200, body: [{ componentId: 'x', accountId: 'y' }] })
    const error = await failureOf(gate({ flows: 'Orders sync', 'check-accounts': 'true' }))
    expect(error.message).toMatch(/Could not read the accounts of a flow: GET \/accounts\/flow\/.* answered a list/)
  })

  it('never passes when the account list cannot be read', async () => {
    await setUp(tenantWith(['valid']))
    sandbox.fault({ path: '/accounts', status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Not Found' } })
    const error = await failureOf(gate({ flows: 'Orders sync', 'check-accounts': 'true' }))
    expect(error.message).toContain('GET /accounts')
  })
})

describe('hold', () => {
  it('passes after the whole hold, one check every poll-interval, on its own deadline', async () => {
    const [a, b] = [makeFlow('Orders sync'), makeFlow('Invoice mailer')]
    await setUp({ flows: [a, b], unprocessed: deadLetters(b.flowId, 1, { now: Date.now() }) })
    const lines: string[] = []
    const outcome = await gate({ flows: 'Orders sync\nInvoice mailer', hold: '1m', wait: '10s', 'max-unprocessed': '1' }, lines)
    expect(outcome.verdict).toBe('pass')
    expect(time.sleeps).toEqual([15_000, 15_000, 15_000, 15_000])
    expect(time.elapsed()).toBe(60_000)
    const hold = outcome.outcomes.at(-1)!
    expect(hold).toMatchObject({ verdict: 'pass', title: 'hold 1m', summary: 'Held 1m: 4 checks, all passed.' })
    expect(lines).toContain('Check 3: held 30s of 1m, 2 checks passed; next check in 15s, 30s left')
    // Output flows is the last round's: one gate round and four hold rounds read the messages.
    expect(outcome.flows.find(flow => flow.name === 'Invoice mailer')!.unprocessed).toBe(1)
    expect(unprocessedRequests()).toHaveLength(2 * 5)
  })

  it('fails at the first broken round, naming what broke and when, and checks no more', async () => {
    const flow = makeFlow('Orders sync')
    let slept = 0
    await setUp({ flows: [flow, makeFlow('Invoice mailer')] }, () => {
      slept++
      // The hold's third sleep: its third check finds the flow stopped.
      if (slept === 3) sandbox.flowNamed('Orders sync')!.stage = 'stopped'
    })
    const outcome = await gate({ flows: 'Orders sync\nInvoice mailer', hold: '10m' })
    expect(outcome.verdict).toBe('fail')
    expect(outcome.problem).toBe(
      "Hold broken 45s into the 10m hold (check 3 of 40): 1 of 2 flows not as required: 'Orders sync' is stopped, expected running"
    )
    expect(time.elapsed()).toBe(45_000)
    expect(time.sleeps).toHaveLength(3)
    expect(outcome.flows[0]).toMatchObject({ name: 'Orders sync', stage: 'stopped', problem: 'is stopped, expected running' })
    expect(outcome.outcomes.at(-1)!.summary).toMatch(/^Hold broken 45s into the 10m hold \(check 3 of 40\)\.\n\nFlow gate:/)
  })

  it('fails at once when a round cannot complete, never passing', async () => {
    const flow = makeFlow('Orders sync')
    let slept = 0
    await setUp({ flows: [flow] }, () => {
      slept++
      if (slept === 2) sandbox.fault({ path: '/unprocessed-messages', status: 200, body: 'not a list' })
    })
    const outcome = await gate({ flows: 'Orders sync', hold: '1m', 'max-unprocessed': '0' })
    expect(outcome.verdict).toBe('fail')
    expect(outcome.problem).toMatch(
      /^Hold broken 30s into the 1m hold \(check 2 of 4\): the check could not complete: Could not count unprocessed messages/
    )
  })

  it('fails at once when an account stops being valid during the hold', async () => {
    const assignments: Record<string, string> = {}
    const slack = makeAccount('appmixer:slack')
    await setUp({ flows: [flowUsing('Orders sync', [slack], assignments)], accounts: [slack], assignments }, () => {
      slack.test = 'invalid'
    })
    const outcome = await gate({ flows: 'Orders sync', hold: '1m', 'check-accounts': 'true' })
    expect(outcome.verdict).toBe('fail')
    expect(outcome.problem).toContain('Hold broken 15s into the 1m hold (check 1 of 4): 1 account not valid')
  })

  it('does not run when the gate did not pass', async () => {
    await setUp()
    const outcome = await gate({ flows: 'Legacy import', hold: '1m' })
    expect(outcome.verdict).toBe('fail')
    expect(outcome.outcomes.map(stage => stage.title)).toEqual([undefined, "gate on 'Legacy import'"])
  })
})

describe('publish: the engine range of bundle.json', () => {
  function workspaceWith(bundle: object | string | undefined): string {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'health-ws-'))
    const folder = path.join(workspace, 'connectors', 'crm')
    cpSync(path.join(ROOT, 'sandbox', 'connectors', 'crm'), folder, { recursive: true })
    if (bundle !== undefined) {
      writeFileSync(path.join(folder, 'bundle.json'), typeof bundle === 'string' ? bundle : JSON.stringify(bundle))
    }
    return workspace
  }

  async function publish(workspace: string, input = 'connectors/crm') {
    const config = configFor({ publish: input }, workspace)
    const connector = await prepareConnector(config.publish!, workspace)
    const wired = clientFor(sandbox.url, { clock: time.clock })
    close.push(() => wired.transport.close())
    return { connector, run: await runGate(wired.client, config, time.clock, () => undefined, { connector }) }
  }

  const paths = () => sandbox.requests.map(request => `${request.method} ${request.path}`)

  it('uploads when the tenant is within the range (a prerelease counts, as npm reads engines)', async () => {
    await setUp()
    const { connector, run } = await publish(workspaceWith({ name: 'acme.crm', version: '1.0.0', engine: '>=6.0.0 <7' }))
    expect(connector.engine).toBe('>=6.0.0 <7')
    expect(run.verdict).toBe('pass')
    expect(paths().slice(0, 3)).toEqual(['POST /user/auth', 'GET /', 'POST /components'])
  })

  it('is unavailable, not timed out, when Appmixer cannot be reached while it publishes', async () => {
    await setUp()
    sandbox.fault({ method: 'GET', path: /^\/components\/uploader\//, status: 503, times: 1_000 })
    // The stage throws; main.ts turns every stage error into its outcome with errorOutcome.
    const error = await failureOf(publish(workspaceWith({ name: 'acme.crm', engine: '>=6.0.0' })))
    expect(errorOutcome(error).verdict).toBe('unavailable')
  })

  it('fails before the upload when the tenant is outside the range, naming both', async () => {
    await setUp({ version: '6.4.0' })
    const { run } = await publish(workspaceWith({ name: 'acme.crm', engine: '>=7.0.0' }))
    expect(run.verdict).toBe('fail')
    expect(run.problem).toBe(
      `acme.crm needs Appmixer '>=7.0.0' (bundle.json "engine"), but ${new URL(sandbox.url).origin} runs '6.4.0'; not uploaded. ` +
        'Publish a build for this version, or upgrade Appmixer first'
    )
    expect(run.outcomes[0].annotations).toEqual([expect.objectContaining({ level: 'error', file: 'connectors/crm/bundle.json' })])
    expect(paths()).not.toContain('POST /components')
  })

  it('reads the range from a ready zip, beside the manifest', async () => {
    await setUp({ version: '5.2.1' })
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'health-zip-'))
    const text = (value: object) => new TextEncoder().encode(JSON.stringify(value))
    writeFileSync(
      path.join(workspace, 'crm.zip'),
      zipSync({
        'acme/crm/service.json': text({ name: 'acme.crm', label: 'CRM', category: 'crm', icon: '', description: 'CRM' }),
        'acme/crm/bundle.json': text({ name: 'acme.crm', engine: '^6.0.0' })
      })
    )
    const { connector, run } = await publish(workspace, 'crm.zip')
    expect(connector.engine).toBe('^6.0.0')
    expect(run.verdict).toBe('fail')
    expect(run.problem).toContain("runs '5.2.1'; not uploaded")
    expect(run.outcomes[0].annotations).toEqual([])
  })

  it.each([
    ['not-semver', "version 'latest (build 2611)' is not semver"],
    ['html', 'did not answer with JSON']
  ] as const)('warns and uploads when the version is unreadable (%s)', async (versionUnreadable, why) => {
    await setUp({ versionUnreadable })
    const { run } = await publish(workspaceWith({ name: 'acme.crm', engine: '>=6.0.0' }))
    expect(run.verdict).toBe('pass')
    const [warning] = run.outcomes[0].annotations!
    expect(warning).toMatchObject({ level: 'warning', title: 'Appmixer connector' })
    expect(warning.message).toContain(why)
    expect(warning.message).toContain("the engine range '>=6.0.0' of acme.crm is not checked, the upload goes on")
    expect(paths()).toContain('POST /components')
  })

  it('warns and uploads when GET / fails', async () => {
    await setUp()
    sandbox.fault({ method: 'GET', path: '/', status: 404 })
    const { run } = await publish(workspaceWith({ name: 'acme.crm', engine: '>=6.0.0' }))
    expect(run.verdict).toBe('pass')
    expect(run.outcomes[0].annotations![0].message).toContain('404')
  })

  it('asks nothing of GET / without a range', async () => {
    await setUp()
    const { connector, run } = await publish(workspaceWith({ name: 'acme.crm', version: '1.0.0' }))
    expect(connector.engine).toBeUndefined()
    expect(run.verdict).toBe('pass')
    expect(paths()).not.toContain('GET /')
  })

  it.each([
    ['{ not json', /bundle.json' is not valid JSON/],
    [{ engine: 'six or later' }, /has an "engine" that is not a semver range/],
    [{ engine: 6 }, /has an "engine" that is not a semver range/]
  ])('refuses a bundle.json it cannot read, before any request (%p)', async (bundle, message) => {
    await setUp()
    const workspace = workspaceWith(bundle)
    const config = configFor({ publish: 'connectors/crm' }, workspace)
    const error = await failureOf(prepareConnector(config.publish!, workspace))
    expect(error).toBeInstanceOf(InputError)
    expect(error.message).toMatch(message)
    expect(sandbox.requests).toEqual([])
  })
})

describe('inputs of the health checks', () => {
  const configOf = (inputs: Record<string, string>): Config => {
    const all: Record<string, string> = { 'base-url': 'https://appmixer.example.com', token: 't', ...inputs }
    return parseConfig({ readInput: name => all[name] ?? '', workspace: '/w' })
  }
  const inputErrorOf = (inputs: Record<string, string>): Error => failureOfSync(() => configOf(inputs))
  const gateOf = (inputs: Record<string, string>) => configOf({ flows: 'a', ...inputs }).gate!

  it('reads them into the gate settings', () => {
    expect(gateOf({ 'max-unprocessed': '3', 'check-accounts': 'true', hold: '10m' })).toMatchObject({
      maxUnprocessed: 3,
      checkAccounts: true,
      holdMs: 600_000
    })
    expect(gateOf({ 'check-accounts': 'false', hold: '0' })).toMatchObject({ checkAccounts: false, holdMs: undefined })
  })

  it.each([
    [{ 'max-unprocessed': '0' }, /Input 'flows': is empty, but 'max-unprocessed' is set/],
    [{ 'check-accounts': 'true' }, /Input 'flows': is empty, but 'check-accounts' is set/],
    [{ hold: '10m' }, /Input 'flows': is empty, but 'hold' is set/],
    [{ flows: 'a', 'max-unprocessed': '-1' }, /Input 'max-unprocessed': '-1' is not a whole number from 0 to 10000/],
    [{ flows: 'a', 'check-accounts': 'maybe' }, /Input 'check-accounts': 'maybe' is not a boolean/],
    [{ flows: 'a', hold: '600h' }, /Input 'hold': '600h' is longer than the 24 days a step can wait/],
    [{ flows: 'a', hold: 'soon' }, /Input 'hold': 'soon' is not a duration/]
  ])('refuses %p', (inputs, message) => {
    expect(inputErrorOf(inputs).message).toMatch(message)
  })

  it('takes check-accounts: false (its action.yml default) without flows', () => {
    expect(inputErrorOf({ 'check-accounts': 'false' }).message).toContain('nothing to check')
  })
})

function failureOfSync(fn: () => unknown): Error {
  try {
    fn()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected an error')
}
