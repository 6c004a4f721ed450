// Preloaded (NODE_OPTIONS=--import=…) into a benchmarked process: records its peak resident
// memory on exit, so memory is measured from outside the action's own code.
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS))
})
