/**
 * `GET /logs` as Elasticsearch answers it: Lucene with AND / OR / parentheses and date math on
 * the sandbox's own clock, the level in `severity` or only in `level`, a silent cap on `size`,
 * `from`, a per-minute histogram of every match, unattributed records, raw hits.
 */
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, OTHER_USER, errorRecords, levelOnlyRecord, logRecord, makeFlow, sharedFlow } from '../../sandbox/seed.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
let sandbox: Sandbox
afterEach(() => sandbox?.close())

async function logs(params: Record<string, string | string[]>) {
  const query = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) for (const one of [value].flat()) query.append(key, one)
  const response = await fetch(`${sandbox.url}/logs?${query}`, { headers: { authorization: `Bearer ${sandbox.tokenFor()}` } })
  return { status: response.status, body: (await response.json()) as any } // eslint-disable-line @typescript-eslint/no-explicit-any
}
const msgs = (body: { hits: Array<{ msg: string }> }) => body.hits.map(hit => hit.msg).sort()
const total = (body: { buckets: Array<{ doc_count: number }> }) => body.buckets.reduce((sum, bucket) => sum + bucket.doc_count, 0)

describe('GET /logs like Elasticsearch', () => {
  const orders = makeFlow('Orders sync')
  const invoices = makeFlow('Invoice mailer')
  const other = makeFlow('Not mine', 'running', { userId: OTHER_USER.id })
  const shared = sharedFlow('Shared with me')
  const T = Date.parse('2026-11-28T10:00:00.000Z')
  const minute = 60_000

  it('matches severity and level as stored: severity:error does not match a record with only level', async () => {
    sandbox = await startSandbox({
      flows: [orders],
      logs: [
        logRecord(orders.flowId, 'error', T, { msg: 'sev' }),
        levelOnlyRecord(orders.flowId, 'error', T, { msg: 'lvl' }),
        logRecord(orders.flowId, 'info', T, { msg: 'info' })
      ]
    })
    expect(msgs((await logs({ query: 'severity:error' })).body)).toEqual(['sev'])
    expect(msgs((await logs({ query: 'level:error' })).body)).toEqual(['lvl'])
    expect(msgs((await logs({ query: 'severity:error OR level:error' })).body)).toEqual(['lvl', 'sev'])
    expect(msgs((await logs({ query: 'NOT severity:info AND -level:error' })).body)).toEqual(['sev'])
    // Two clauses side by side are ORed, as Elasticsearch's default operator does.
    expect(msgs((await logs({ query: 'severity:error level:error' })).body)).toEqual(['lvl', 'sev'])
  })

  it('combines AND, OR and parentheses, and takes ISO, open and exclusive ranges', async () => {
    sandbox = await startSandbox({
      flows: [orders, invoices],
      logs: [
        logRecord(orders.flowId, 'error', T - 10 * minute, { msg: 'a' }),
        levelOnlyRecord(orders.flowId, 'error', T - 5 * minute, { msg: 'b' }),
        logRecord(invoices.flowId, 'warn', T - 1 * minute, { msg: 'c' }),
        logRecord(invoices.flowId, 'error', T, { msg: 'd' })
      ]
    })
    const iso = (ms: number) => new Date(ms).toISOString()
    const query = `(severity:error OR level:error) AND gridTimestamp:[${iso(T - 6 * minute)} TO *]`
    expect(msgs((await logs({ query })).body)).toEqual(['b', 'd'])
    expect(msgs((await logs({ query: `gridTimestamp:{${iso(T - 10 * minute)} TO ${iso(T)}}` })).body)).toEqual(['b', 'c'])
    expect(msgs((await logs({ query: `gridTimestamp:[* TO ${iso(T - 5 * minute)}]` })).body)).toEqual(['a', 'b'])
    expect(msgs((await logs({ query: `flowId:"${invoices.flowId}" AND (severity:warn OR msg:a)` })).body)).toEqual(['c'])
    expect(msgs((await logs({ query: 'msg:* AND componentType:appmixer.utils.*' })).body)).toEqual(['a', 'b', 'c', 'd'])
    for (const bad of ['msg:(a OR b)', 'error', '(severity:error', 'gridTimestamp:[now-1x TO *]', 'severity:error AND']) {
      expect((await logs({ query: bad })).body).toMatchObject({ statusCode: 400, error: 'Bad Request' })
    }
  })

  it('evaluates date math on its own clock, so a runner whose clock is off can be played', async () => {
    // The server's clock is two hours behind the machine's (the runner's).
    sandbox = await startSandbox({ flows: [orders], clockOffsetSeconds: -7200 })
    const now = sandbox.now()
    expect(Math.abs(now - (Date.now() - 7_200_000))).toBeLessThan(5_000)
    sandbox.state.logs.push(
      ...errorRecords(orders.flowId, 3, { now: now - minute, withinMinutes: 3 }),
      logRecord(orders.flowId, 'error', now - 20 * minute, { msg: 'old' }),
      logRecord(orders.flowId, 'error', now - 3 * 86_400_000, { msg: 'days old' })
    )
    const count = async (query: string) => (await logs({ query, size: '100' })).body.hits.length
    expect(await count('severity:error AND gridTimestamp:[now-15m TO now]')).toBe(3)
    expect(await count('severity:error AND gridTimestamp:[now-1h TO *]')).toBe(4)
    expect(await count('gridTimestamp:[now-2d TO now]')).toBe(4)
    expect(await count('gridTimestamp:[* TO now-2d]')).toBe(1)
    expect(await count('gridTimestamp:[now-30s TO *]')).toBe(0)
    // The runner's own "15 minutes ago" is in the server's future: nothing matches.
    expect(await count(`gridTimestamp:[${new Date(Date.now() - 15 * minute).toISOString()} TO *]`)).toBe(0)
    sandbox.advanceClock(7200)
    expect(await count('gridTimestamp:[now-1h TO *]')).toBe(0)
  })

  it('answers records of visible flows, and unattributed records unless flowId is given (a record matches one of the flowIds)', async () => {
    sandbox = await startSandbox({
      users: [DEMO_USER, OTHER_USER],
      flows: [orders, invoices, other, shared],
      logs: [
        logRecord(orders.flowId, 'error', T, { msg: 'orders' }),
        logRecord(invoices.flowId, 'error', T, { msg: 'invoices' }),
        logRecord(other.flowId, 'error', T, { msg: 'other' }),
        logRecord(shared.flowId, 'error', T, { msg: 'shared' }),
        logRecord(null, 'error', T, { msg: 'unattributed' }),
        logRecord(null, 'error', T, { msg: "other's unattributed", userId: OTHER_USER.id })
      ]
    })
    expect(msgs((await logs({ query: 'severity:error' })).body)).toEqual(['invoices', 'orders', 'shared', 'unattributed'])
    expect(msgs((await logs({ query: 'severity:error', flowId: [orders.flowId, shared.flowId] })).body)).toEqual(['orders', 'shared'])
    expect(msgs((await logs({ flowId: other.flowId })).body)).toEqual([])
  })

  it('caps size at 1,000 without a word, pages with from, and buckets every match per minute', async () => {
    const records = Array.from({ length: 2_100 }, (_, i) =>
      logRecord(orders.flowId, i % 3 === 0 ? 'info' : 'error', T - (i % 7) * minute - 1_000, { msg: String(i).padStart(4, '0') })
    )
    sandbox = await startSandbox({ flows: [orders], logs: records })
    const errors = records.filter(record => record.severity === 'error')
    const all = (await logs({ query: 'severity:error', size: '5000', sort: 'msg:asc' })).body
    expect(all.hits).toHaveLength(1_000)
    expect(all.hits.map((hit: { msg: string }) => hit.msg)).toEqual(errors.slice(0, 1_000).map(record => record.msg))
    // The histogram counts every match, not only the page: its sum is the exact total.
    expect(total(all)).toBe(1_400)
    const perMinute = new Map<number, number>()
    for (const record of errors) {
      const key = Date.parse(record.gridTimestamp) - (Date.parse(record.gridTimestamp) % minute)
      perMinute.set(key, (perMinute.get(key) ?? 0) + 1)
    }
    expect(all.buckets).toEqual(
      [...perMinute]
        .sort(([a], [b]) => a - b)
        .map(([key, count]) => ({ key_as_string: new Date(key).toISOString(), key, doc_count: count }))
    )
    expect(all.buckets[0].key_as_string).toBe('2026-11-28T09:53:00.000Z')
    expect((await logs({ query: 'severity:error' })).body.hits).toHaveLength(50)
    const second = (await logs({ query: 'severity:error', size: '1000', from: '1000', sort: 'msg:asc' })).body
    expect(second.hits.map((hit: { msg: string }) => hit.msg)).toEqual(errors.slice(1_000).map(record => record.msg))
    expect(total(second)).toBe(1_400)
    expect((await logs({ size: 'ten' })).status).toBe(400)
  })

  it('takes another cap, answers no buckets with logsWithoutBuckets, and keeps raw hits working', async () => {
    const records = Array.from({ length: 30 }, (_, i) => logRecord(orders.flowId, 'error', T + i * 1_000, { msg: `m${i}` }))
    sandbox = await startSandbox({ flows: [orders], logs: [...records, levelOnlyRecord(orders.flowId, 'error', T)] })
    sandbox.state.realWorld.logsMaxSize = 10
    sandbox.state.realWorld.logsWithoutBuckets = true
    const capped = (await logs({ query: 'severity:error', size: '100' })).body
    expect(Object.keys(capped)).toEqual(['hits'])
    expect(capped.hits).toHaveLength(10)
    sandbox.state.realWorld.logsWithoutBuckets = false
    sandbox.state.realWorld.rawLogHits = true
    const raw = (await logs({ query: 'severity:error', from: '20', size: '100', sort: 'gridTimestamp:asc' })).body
    expect(raw.buckets).toEqual([{ key_as_string: '2026-11-28T10:00:00.000Z', key: T, doc_count: 30 }])
    expect(raw.hits).toHaveLength(10)
    expect(raw.hits[0]).toEqual({
      _index: 'appmixer-2026',
      _id: 'hit-20',
      _source: expect.objectContaining({ level: 'error', msg: 'm20' })
    })
    expect(raw.hits[0]._source).not.toHaveProperty('severity')
  })
})
