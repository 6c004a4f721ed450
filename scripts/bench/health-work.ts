/**
 * The cost of one check of a flow gate with `max-errors`, `max-unprocessed` and `check-accounts`
 * on 3 flows among 100, 5,000 and 50,000, against the sandbox answering every request 25 ms
 * late (`latencyMs`), through the real client: the requests and wall time of resolving the
 * names, of the first check (on the flows resolution just read) and of a later one (which reads
 * the 3 flows again). Bundled with ncc by health-cost.mjs and run under Node 24; prints JSON.
 */
import { startSandbox } from '../../sandbox/server.js'
import { connectorComponent, deadLetters, logRecord, makeAccount, makeFlow } from '../../sandbox/seed.js'
import { AppmixerClient } from '../../src/appmixer.js'
import { systemClock } from '../../src/clock.js'
import { parseConfig } from '../../src/config/index.js'
import type { FlowInfo } from '../../src/gate/flows.js'
import { readFlows } from '../../src/gate/listing.js'
import { findGatedFlows } from '../../src/gate/resolve.js'
import { checkRound } from '../../src/gate/round.js'
import { HttpTransport } from '../../src/http/index.js'

const LATENCY_MS = 25
const SIZES = (process.env.BENCH_HEALTH_SIZES ?? '100,5000,50000').split(',').map(Number)

interface Phase {
  requests: Record<string, number>
  total: number
  ms: number
}

async function measure(size: number) {
  const flows = Array.from({ length: size }, (_, i) => makeFlow(`Flow ${i}`))
  const gated = [0, Math.floor(size / 2), size - 1].map(i => flows[i])
  const assignments: Record<string, string> = {}
  // Two services: one account shared by two of the flows, one of its own for the third.
  const accounts = [makeAccount('appmixer:slack'), makeAccount('appmixer:google')]
  gated.forEach((flow, i) => {
    const [componentId, component] = connectorComponent('appmixer.slack.list.SendChannelMessage')
    flow.flow = { ...flow.flow, [componentId]: component }
    assignments[componentId] = accounts[i === 2 ? 1 : 0].accountId
  })
  const now = Date.now()
  const sandbox = await startSandbox({
    flows,
    accounts,
    assignments,
    latencyMs: LATENCY_MS,
    unprocessed: gated.flatMap(flow => deadLetters(flow.flowId, 2, { now })),
    logs: gated.map(flow => logRecord(flow.flowId, 'error', now - 60_000))
  })
  const inputs: Record<string, string> = {
    'base-url': sandbox.url,
    username: 'demo@example.com',
    password: 'sandbox-Pa55word!',
    flows: gated.map(flow => flow.name).join('\n'),
    'max-errors': '10',
    'max-unprocessed': '10',
    'check-accounts': 'true'
  }
  const config = parseConfig({ readInput: name => inputs[name] ?? '', workspace: '/w' })
  const transport = new HttpTransport({ userAgent: 'bench', timeoutMs: 30_000, retries: 0, clock: systemClock, log: () => undefined })
  const client = new AppmixerClient(transport, config.baseUrl, config.credentials, () => undefined)
  await client.signIn()
  const gate = config.gate!
  const phase = async <T>(work: () => Promise<T>): Promise<[T, Phase]> => {
    const before = sandbox.requests.length
    const started = performance.now()
    const result = await work()
    const ms = performance.now() - started
    const requests: Record<string, number> = {}
    for (const request of sandbox.requests.slice(before)) {
      const kind = request.path.startsWith('/flows')
        ? 'flows'
        : request.path.startsWith('/accounts')
          ? request.path.endsWith('/test')
            ? 'account tests'
            : 'accounts'
          : request.path.slice(1).split('/')[0]
      requests[kind] = (requests[kind] ?? 0) + 1
    }
    return [result, { requests, total: sandbox.requests.length - before, ms: Math.round(ms) }]
  }
  const round = (current: readonly FlowInfo[], targets: readonly FlowInfo[]) =>
    checkRound({ client, gate, targets, current, clock: systemClock, log: () => undefined })
  const [resolved, resolution] = await phase(() => findGatedFlows(client, gate.flows, { filters: [] }))
  const [first, firstCheck] = await phase(() => round(resolved.fresh ?? resolved.targets, resolved.targets))
  const [later, laterCheck] = await phase(async () =>
    round(await readFlows(client, resolved.targets, resolved.accountSize, {}), resolved.targets)
  )
  transport.close()
  await sandbox.close()
  if (!first.met || !later.met) throw new Error(`the bench gate did not pass at ${size} flows`)
  return { size, resolution, firstCheck, laterCheck }
}

const results = []
for (const size of SIZES) results.push(await measure(size))
console.log(JSON.stringify(results))
