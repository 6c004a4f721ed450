/**
 * The flow gate against the sandbox playing a real tenant (docs/appmixer-api.md §6–§9): shared
 * and repeated names, unstable paging, the poll's cost, slow and refused commands, two log
 * shapes. On a virtual clock shared by the gate and the transport.
 */
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, OTHER_USER, largeAccount, makeFlow, sharedFlow } from '../../sandbox/seed.js'
import { failureOf } from '../helpers/client.js'
import { gateAgainst } from '../helpers/gate.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
let sandbox: Sandbox

afterEach(() => sandbox?.close())

const gate = (inputs: Record<string, string>, transport: { timeoutMs?: number; retries?: number } = {}) =>
  gateAgainst(sandbox.url, inputs, { defaults: { 'poll-interval': '5s' }, transport })

const requestsTo = (pattern: RegExp) => sandbox.requests.filter(request => pattern.test(request.path))

describe('names that repeat', () => {
  it('tells an own flow from a shared one of the same name, and the flow-filter that settles it', async () => {
    const [mine, theirs] = [makeFlow('Orders sync'), sharedFlow('Orders sync')]
    sandbox = await startSandbox({ users: [DEMO_USER, OTHER_USER], flows: [mine, theirs] })
    const error = await failureOf(gate({ flows: 'Orders sync' }))
    expect(error.message).toContain("'Orders sync' names 2 flows: ")
    expect(error.message).toContain(`${mine.flowId} (own, no type)`)
    expect(error.message).toContain(`${theirs.flowId} (shared, no type)`)
    expect(error.message).toContain(`; flow-filter 'userId:${DEMO_USER.id}' keeps only your own`)
    const { outcome } = await gate({ flows: 'Orders sync', 'flow-filter': `userId:${DEMO_USER.id}` })
    expect(outcome.verdict).toBe('pass')
    expect(outcome.flows.map(flow => flow.flowId)).toEqual([mine.flowId])
    expect(
      requestsTo(/^\/flows$/)
        .at(-1)!
        .query.getAll('filter')
    ).toEqual([`userId:${DEMO_USER.id}`])
  })

  it('tells a template from its instance, and resolves the instance with a type filter', async () => {
    const template = makeFlow('Sync', 'stopped', { type: 'integration-template' })
    const instance = makeFlow('Sync', 'running', { type: 'integration-instance' })
    sandbox = await startSandbox({ flows: [template, instance] })
    const error = await failureOf(gate({ flows: 'Sync' }))
    expect(error.message).toContain(`(own, integration-template)`)
    expect(error.message).toContain("flow-filter 'type:integration-instance' or 'type:integration-template' keeps only one")
    const { outcome } = await gate({ flows: 'Sync', 'flow-filter': 'type:integration-instance' })
    expect(outcome.flows.map(flow => flow.flowId)).toEqual([instance.flowId])
  })
})

describe('paging and the cost of a poll', () => {
  it('sorts every page, so an unstable order neither skips nor repeats a flow', async () => {
    const flows = Array.from({ length: 250 }, (_, i) => makeFlow(`Flow ${i}`))
    sandbox = await startSandbox({ flows, unstableOrder: true })
    for (let run = 0; run < 3; run++) {
      const { outcome } = await gate({ flows: 'Flow 3\nFlow 120\nFlow 240' })
      expect(outcome.flows.map(flow => flow.name).sort()).toEqual(['Flow 120', 'Flow 240', 'Flow 3'])
    }
    expect(requestsTo(/^\/flows$/).every(request => request.query.get('sort') === 'flowId:1')).toBe(true)
  })

  it.each([100, 1_000, 5_000, 50_000])(
    'costs the same among %i flows: one lookup a name, then one read a gated flow a poll, and one logs count',
    async size => {
      const { flows } = largeAccount(size, ['Orders sync', 'Invoice mailer', 'Billing export'])
      sandbox = await startSandbox({ flows })
      const { outcome } = await gate({ flows: 'Orders sync\nInvoice mailer\nBilling export', 'max-errors': '0', wait: '20s' })
      expect(outcome.verdict).toBe('pass')
      const polls = 1 // passes at once: the lookups' reading is the first check's stages
      expect(requestsTo(/^\/flows$/)).toHaveLength(3)
      expect(requestsTo(/^\/flows$/).every(request => request.query.get('pattern') !== null)).toBe(true)
      expect(requestsTo(/^\/logs$/)).toHaveLength(polls)
      expect(requestsTo(/^\/flows\/[^/]+$/)).toHaveLength(0)
    }
  )

  it('later polls read the gated flows only, together', async () => {
    const { flows, targets } = largeAccount(5_000, ['Orders sync', 'Invoice mailer', 'Billing export'])
    targets[1].stage = 'stopped'
    sandbox = await startSandbox({ flows })
    const { outcome } = await gate({ flows: 'Orders sync\nInvoice mailer\nBilling export', wait: '20s' })
    expect(outcome.verdict).toBe('timeout')
    const polls = 5 // at 0s, 5s, 10s, 15s, 20s
    expect(requestsTo(/^\/flows$/)).toHaveLength(3)
    expect(requestsTo(/^\/flows\/[^/]+$/)).toHaveLength((polls - 1) * 3)
  })

  it.each([
    ['ignores pattern', { patternMode: 'ignored' as const }, 'Orders sync'],
    ['reads pattern without case', { patternMode: 'case-insensitive' as const }, 'Orders sync'],
    ['reads pattern as a regex', { patternMode: 'regex' as const }, 'Orders (EU) sync?'],
    ['reads pattern as a substring', {}, 'Orders (EU) sync?']
  ])('resolves a name exactly when the server %s', async (_, options, name) => {
    const flows = [makeFlow(name), makeFlow(name.toUpperCase()), makeFlow(`${name} (old)`), makeFlow('Other')]
    sandbox = await startSandbox({ flows, ...options })
    const { outcome } = await gate({ flows: name })
    expect(outcome.verdict).toBe('pass')
    expect(outcome.flows.map(flow => flow.flowId)).toEqual([flows[0].flowId])
  })

  it('falls back to the listing for a name the lookup cannot find, and suggests similar names from it', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync'), makeFlow('Other')], patternMode: 'regex' })
    const error = await failureOf(gate({ flows: 'Orders synk' }))
    expect(error.message).toContain("no flow has the id or name 'Orders synk'; similar: 'Orders sync'")
    expect(requestsTo(/^\/flows$/).map(request => request.query.get('pattern'))).toEqual(['Orders synk', null])
  })

  it('gives the same results to a gate and a restart as the whole listing does', async () => {
    const run = async (patternMode: 'substring' | 'ignored') => {
      const { flows } = largeAccount(300, ['Orders sync', 'Invoice mailer'], { stage: 'stopped' })
      sandbox = await startSandbox({ flows, patternMode })
      const { outcome } = await gate({ flows: 'Orders sync\nInvoice mailer', command: 'restart', 'max-errors': '0' })
      const commanded = requestsTo(/\/coordinator$/).map(request => [request.path, JSON.parse(request.body).command])
      await sandbox.close()
      return { verdict: outcome.verdict, flows: outcome.flows, changed: outcome.changed, commanded }
    }
    // A server that ignores pattern answers every lookup with the whole listing.
    const looked = await run('substring')
    const listed = await run('ignored')
    expect(looked.verdict).toBe('pass')
    expect(looked).toEqual(listed)
  })

  it('reads an id directly', async () => {
    const { flows, targets } = largeAccount(1_000, ['Orders sync'])
    sandbox = await startSandbox({ flows })
    const { outcome } = await gate({ flows: targets[0].flowId })
    expect(outcome.verdict).toBe('pass')
    expect(requestsTo(/^\/flows$/)).toHaveLength(0)
    expect(requestsTo(/^\/flows\/[^/]+$/)).toHaveLength(1)
  })

  it('stops paging when a server ignores offset and limit, and says so', async () => {
    const flows = Array.from({ length: 250 }, (_, i) => makeFlow(`Flow ${i}`))
    sandbox = await startSandbox({ flows, ignorePaging: true, patternMode: 'ignored' })
    const { outcome, lines } = await gate({ flows: 'Flow 3' })
    expect(outcome.verdict).toBe('pass')
    expect(requestsTo(/^\/flows$/)).toHaveLength(2)
    expect(lines).toContain('GET /flows paging looked broken: page 2 brought no new flows, so the listing stops at 250 flows')
  })
})

describe('commands on a real tenant', () => {
  it('restarts: stops in the background, then starts once stopped, then gates on running', async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow] })
    const { outcome } = await gate({ flows: 'Orders sync', command: 'restart' })
    expect(outcome.verdict).toBe('pass')
    const commands = requestsTo(/\/coordinator$/).map(request => [request.query.get('background'), JSON.parse(request.body).command])
    expect(commands).toEqual([
      ['true', 'stop'],
      [null, 'start']
    ])
  })

  it('sends commands to the gated flows only, also when a poll reads the whole listing', async () => {
    const flows = [makeFlow('Orders sync', 'stopped'), makeFlow('Invoice mailer', 'stopped'), makeFlow('Bystander', 'stopped')]
    sandbox = await startSandbox({ flows: flows.map(flow => ({ ...flow, startStages: ['starting', 'starting', 'starting', 'running'] })) })
    // Two gated among three: more gated flows than pages, so later polls list the account.
    const { outcome } = await gate({ flows: 'Orders sync\nInvoice mailer', command: 'restart', wait: '1m' })
    expect(outcome.verdict).toBe('pass')
    const commanded = new Set(requestsTo(/\/coordinator$/).map(request => request.path.split('/')[2]))
    expect(commanded).toEqual(new Set([flows[0].flowId, flows[1].flowId]))
    expect(sandbox.flowNamed('Bystander')!.stage).toBe('stopped')
  })

  it('a start that gets no answer in time is not a verdict: the stage decides', async () => {
    const flow = makeFlow('Orders sync', 'stopped')
    sandbox = await startSandbox({ flows: [flow], coordinatorDelayMs: 1_500 })
    const { outcome, lines } = await gate({ flows: 'Orders sync', command: 'start' }, { timeoutMs: 300, retries: 0 })
    expect(outcome.verdict).toBe('pass')
    expect(lines.some(line => line.includes('no answer to start in time'))).toBe(true)
  })

  it('a gateway 502 on a command is sent again at the next check', async () => {
    const flow = makeFlow('Orders sync', 'stopped')
    sandbox = await startSandbox({ flows: [flow] })
    sandbox.fault({ method: 'POST', path: /\/coordinator$/, status: 502, times: 1 })
    const { outcome, lines } = await gate({ flows: 'Orders sync', command: 'start' }, { retries: 0 })
    expect(outcome.verdict).toBe('pass')
    expect(requestsTo(/\/coordinator$/)).toHaveLength(2)
    expect(lines.some(line => line.includes('start answered 502 Bad Gateway; it is sent again at the next check'))).toBe(true)
  })

  it("a refused start fails, naming the flow with Appmixer's message and details", async () => {
    const flow = makeFlow('Orders sync', 'stopped', {
      startError: {
        message: 'Component transformation validation error',
        details: [{ componentId: 'c1', error: 'Malformed transformation' }]
      }
    })
    sandbox = await startSandbox({ flows: [flow] })
    const error = await failureOf(gate({ flows: 'Orders sync', command: 'start' }))
    expect(error.message).toBe(
      `Appmixer refused to start flow 'Orders sync' (${flow.flowId}): POST /flows/${flow.flowId}/coordinator returned 400 Bad Request: ` +
        'Component transformation validation error (details: [{"componentId":"c1","error":"Malformed transformation"}])'
    )
  })
})

describe('the error budget on a real tenant', () => {
  const errorAt = (flowId: string, minutesAgo: number) => ({
    severity: 'error',
    flowId,
    gridTimestamp: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    msg: 'Request failed'
  })

  it('counts raw Elasticsearch hits with the level in level', async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow], logs: [errorAt(flow.flowId, 1), errorAt(flow.flowId, 2)], rawLogHits: true })
    const { outcome } = await gate({ flows: 'Orders sync', 'max-errors': '1' })
    expect(outcome.verdict).toBe('fail')
    expect(outcome.flows[0].errors).toBe(2)
  })

  it('fails on a logs answer it does not recognise: an unknown count is never zero', async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow] })
    sandbox.fault({ path: '/logs', status: 200, body: { results: [] } })
    const error = await failureOf(gate({ flows: 'Orders sync', 'max-errors': '0', 'on-unavailable': 'pass' }))
    expect(error.message).toMatch(/^Could not count errors: GET \/logs at .* answered an object with results, not \{hits: \[…\]\}$/)
    expect((error as Error & { verdict: string }).verdict).toBe('fail')
  })
})
