/**
 * The resolution work of a flow gate's first check at 5,000 flows, in CPU time: 50 pages of
 * `GET /flows` as they arrive (JSON text), parsed and indexed by listAllFlows, then three names
 * resolved. The HTTP requests themselves are left out (scripts/bench/run.js measures a whole
 * step separately). Bundled with ncc by run.js and run under Node 24; prints milliseconds.
 */
import type { AppmixerClient } from '../../src/appmixer.js'
import { listAllFlows } from '../../src/gate/listing.js'
import { resolveFlows } from '../../src/gate/resolve.js'

const SIZE = 5_000
const flows = Array.from({ length: SIZE }, (_, i) => ({
  flowId: `${String(i).padStart(8, '0')}-5f4c-4b7e-9d3a-2c1e0f9a8b7c`,
  name: `Flow ${i}`,
  stage: 'running',
  stageChangeInfo: { changedAt: '2026-11-01T09:00:00.000Z' },
  mtime: '2026-11-01T09:00:00.000Z',
  started: '2026-11-01T09:00:00.000Z',
  userId: '5c88c7cc04a917256c726c3d',
  type: 'automation'
}))
// Each page as the wire brings it: 101 flows (one to tell whether another page follows).
const pages = Array.from({ length: SIZE / 100 }, (_, page) => JSON.stringify(flows.slice(page * 100, page * 100 + 101)))
let served = 0
const client = {
  baseUrl: new URL('https://api.acme.appmixer.cloud'),
  // Past the last page, an empty one (a short last page is confirmed by the next).
  getJson: async () => JSON.parse(pages[served++] ?? '[]') as unknown
} as unknown as AppmixerClient

const runs: number[] = []
for (let run = 0; run < 9; run++) {
  served = 0
  const started = process.cpuUsage()
  const all = await listAllFlows(client)
  resolveFlows(['Flow 0', 'Flow 2500', 'Flow 4999'], all)
  const used = process.cpuUsage(started)
  runs.push((used.user + used.system) / 1000)
}
runs.sort((a, b) => a - b)
process.stdout.write(`${runs[Math.floor(runs.length / 2)].toFixed(1)}\n`)
