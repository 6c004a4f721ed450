// Preloaded (NODE_OPTIONS=--require=…) into a step run under valgrind, which drops environment
// variables whose names hold `-`: puts back those scripts/bench/run.js passed in renamed.
for (const [name, value] of Object.entries(process.env)) {
  if (!name.startsWith('BENCH_DASHED_')) continue
  process.env[name.slice('BENCH_DASHED_'.length).replaceAll('__', '-')] = value
  delete process.env[name]
}
