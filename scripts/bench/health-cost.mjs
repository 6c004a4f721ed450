// @ts-check
/**
 * `node scripts/bench/health-cost.mjs`: what one check of a flow gate with `max-errors`,
 * `max-unprocessed` and `check-accounts` costs on 3 flows among 100, 5,000 and 50,000, with the
 * sandbox answering each request 25 ms late: requests by endpoint and wall time, for resolving
 * the names, the first check, and a later check. Figures, not tests.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { node24Path } from '../node24.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-health-'))
execFileSync('npx', ['ncc', 'build', path.join(HERE, 'health-work.ts'), '-o', dir, '--quiet'], { stdio: 'inherit' })
/** @type {Array<{size: number, resolution: Phase, firstCheck: Phase, laterCheck: Phase}>} */
const results = JSON.parse(execFileSync(node24Path(), [path.join(dir, 'index.js')], { encoding: 'utf8', maxBuffer: 1 << 24 }).trim())

/** @typedef {{requests: Record<string, number>, total: number, ms: number}} Phase */
/** @param {Phase} phase */
const told = phase =>
  `${String(phase.total).padStart(3)} requests, ${String(phase.ms).padStart(4)} ms  (${Object.entries(phase.requests)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ')})`

console.log('')
console.log('Health checks: one check with max-errors, max-unprocessed and check-accounts on 3 flows (sandbox latency 25 ms a request):')
for (const { size, resolution, firstCheck, laterCheck } of results) {
  console.log(`  among ${size.toLocaleString('en').padStart(6)} flows`)
  console.log(`    resolving the 3 names   ${told(resolution)}`)
  console.log(`    first check             ${told(firstCheck)}`)
  console.log(`    a later check           ${told(laterCheck)}`)
}
console.log('  limits: a later check reads at most min(k, ⌈N/100⌉) = 3 flows; the health checks add a number of requests')
console.log('  that depends on k (and the accounts the flows use), never on N')
