// Preloaded (NODE_OPTIONS=--import=…) into a benchmarked process: records its peak resident
// memory (KiB) and, in BENCH_CPU_FILE, its CPU time (ms) on exit, measured from outside the
// action's own code.
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  const usage = process.resourceUsage()
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(usage.maxRSS))
  if (process.env.BENCH_CPU_FILE) writeFileSync(process.env.BENCH_CPU_FILE, String((usage.userCPUTime + usage.systemCPUTime) / 1000))
})
