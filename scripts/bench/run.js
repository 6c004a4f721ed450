// @ts-check
/**
 * `npm run bench`: what a step costs, in figures. Runs the committed dist/index.js as a step
 * (Node 24, sandbox on loopback) alternating with two floors doing the same sign-in and GET:
 * the card floor (the least action on @actions/core, @actions/github and node-fetch, bundled
 * with ncc like the action) and a bare node:http script. Prints medians and ratios, connections
 * per step; the requests, wall time and connections of a gate on 3 flows among 100 to 50,000
 * with every answer 25 ms late; and peak memory on a 60 MB response.
 * Figures, not tests: nothing here passes or fails on time.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import http from 'node:http'
import zlib from 'node:zlib'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, largeAccount, makeFlow } from '../../sandbox/seed.js'
import { ROOT, prepareStep } from '../local-runner.js'
import { node24Path } from '../node24.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const PAIRS = Number(process.env.BENCH_PAIRS ?? 21)
const WARM_UP = 3

/** @param {string} command @param {string[]} args @param {Record<string, string>} env @param {number} [expectedCode] */
function timeProcess(command, args, env, expectedCode = 0) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'inherit'] })
    child.on('error', reject)
    child.on('close', code => {
      if (code !== expectedCode) reject(new Error(`${args.join(' ')} exited with ${code}`))
      else resolve(Number(process.hrtime.bigint() - started) / 1e6)
    })
  })
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/**
 * @param {Awaited<ReturnType<typeof startSandbox>>} sandbox @param {Record<string, string>} inputs
 * @param {Record<string, string>} [env] @param {string} [workspace] where a `response-file` may be written
 */
function stepCommand(sandbox, inputs, env = {}, workspace) {
  const step = prepareStep({
    inputs: { 'base-url': sandbox.url, username: DEMO_USER.username, password: DEMO_USER.password, ...inputs },
    env,
    workspace
  })
  return { ...step, run: () => timeProcess(step.command[0], [step.command[1]], step.env) }
}

/**
 * Stamps each request with the time it reached the sandbox (performance.now() of this process),
 * as `at`, for the wall time of one check of a step.
 * @param {Awaited<ReturnType<typeof startSandbox>>} sandbox
 */
function stampArrivals(sandbox) {
  const requests = sandbox.state.requests
  const push = requests.push.bind(requests)
  requests.push = (...items) => push(...items.map(item => Object.assign(item, { at: performance.now() })))
}

/**
 * One gate step of dist/index.js: each check's requests (sign-in aside) and wall time, from its
 * first request reaching the sandbox to the step printing its verdict (`Check n: …`, or the pass
 * line); the whole step's wall time (spawn to exit) and requests, and the connections it opened.
 * @param {Awaited<ReturnType<typeof startSandbox>>} sandbox @param {Record<string, string>} inputs
 */
async function gateStep(sandbox, inputs) {
  const step = prepareStep({
    inputs: { 'base-url': sandbox.url, username: DEMO_USER.username, password: DEMO_USER.password, ...inputs }
  })
  const [firstRequest, connections] = [sandbox.requests.length, sandbox.state.connections]
  /** @type {number[]} */
  const verdicts = []
  const started = performance.now()
  const code = await new Promise((resolve, reject) => {
    const child = spawn(step.command[0], [step.command[1]], { env: step.env, stdio: ['ignore', 'pipe', 'inherit'] })
    let pending = ''
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', text => {
      const now = performance.now()
      const lines = (pending + text).split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) if (/^Check \d+: |^All \d+ flows are /.test(line)) verdicts.push(now)
    })
    child.on('error', reject)
    child.on('close', resolve)
  })
  const ms = performance.now() - started
  step.cleanup()
  if (code !== 0) throw new Error(`the gate step exited with ${code}`)
  const requests = /** @type {Array<{path: string, at: number}>} */ (/** @type {unknown} */ (sandbox.requests.slice(firstRequest)))
  const gateRequests = requests.filter(request => request.path !== '/user/auth')
  const checks = verdicts.map((end, k) => {
    const mine = gateRequests.filter(request => request.at < end && (k === 0 || request.at > verdicts[k - 1]))
    return { requests: mine.length, ms: mine.length ? end - mine[0].at : NaN }
  })
  return { ms, requests: requests.length, connections: sandbox.state.connections - connections, checks }
}

/**
 * Bundles a card floor's source with ncc, as the action is bundled, and returns the script to run.
 * @param {string} source @param {string} name
 */
function buildCardFloor(source, name) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`))
  // Written beside the project's node_modules, so that its imports resolve as the real floor's do.
  const entry = path.join(ROOT, 'node_modules', '.cache', 'appmixer-action', `${name}.mjs`)
  mkdirSync(path.dirname(entry), { recursive: true })
  writeFileSync(entry, source)
  execFileSync('npx', ['ncc', 'build', entry, '-o', dir, '--quiet'], { stdio: 'inherit' })
  return path.join(dir, 'index.mjs')
}

/**
 * The instructions each script runs as a step, counted by callgrind: the same count run after run,
 * whatever else the machine does (the wall and CPU times above move with it). V8's seeds are
 * fixed and its helper threads off, so that hashing and concurrent work do not vary the count.
 * Valgrind passes no environment variable whose name holds `-` (as `INPUT_BASE-URL` does), so
 * those go in under another name and a preloaded line puts them back.
 * @param {string[]} scripts @param {Record<string, string>} env @returns {Promise<number[] | undefined>}
 */
async function instructionCounts(scripts, env) {
  if (spawnSync('valgrind', ['--version']).status !== 0) return undefined
  /** @type {Record<string, string>} */
  const renamed = {}
  for (const [name, value] of Object.entries(env)) renamed[name.includes('-') ? `BENCH_DASHED_${name.replaceAll('-', '__')}` : name] = value
  renamed.NODE_OPTIONS = `--require=${path.join(HERE, 'dashed-env.cjs')}`
  const counts = []
  for (const script of scripts) {
    const args = [
      '--tool=callgrind',
      '--callgrind-out-file=/dev/null',
      node24,
      '--hash-seed=1',
      '--random-seed=1',
      '--single-threaded',
      script
    ]
    // Not spawnSync: the sandbox answering the step runs in this process.
    const run = await new Promise((resolve, reject) => {
      const child = spawn('valgrind', args, { env: renamed, stdio: ['ignore', 'ignore', 'pipe'] })
      let stderr = ''
      child.stderr.on('data', chunk => (stderr += chunk))
      child.on('error', reject)
      child.on('close', status => resolve({ status, stderr }))
    })
    const collected = /Collected : (\d+)/.exec(run.stderr)
    if (run.status !== 0 || !collected) throw new Error(`callgrind of ${script} failed (exit ${run.status}): ${run.stderr.slice(-300)}`)
    counts.push(Math.round(Number(collected[1]) / 1e6))
  }
  return counts
}

const node24 = node24Path()
const lines = []
/** @param {string} text */
const print = text => {
  lines.push(text)
  console.log(text)
}

print(
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; ` +
    `harness Node ${process.version}, step Node ${execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim()}`
)

// BENCH_ONLY=startup|gate|memory runs one section.
const only = process.env.BENCH_ONLY

// 1. Sign-in + one GET: the step against both floors, in rotation.
if (!only || only === 'startup') {
  const sandbox = await startSandbox()
  const step = stepCommand(sandbox, { endpoint: '/user', summary: process.env.BENCH_SUMMARY ?? 'true' })
  const cardScript = buildCardFloor(readFileSync(path.join(HERE, 'card-floor.mjs'), 'utf8'), 'card-floor')
  // The same floor with @actions/github's Context imported alone, as src/run-context.ts does:
  // what the action's own code costs over the packages it loads.
  const contextScript = buildCardFloor(
    readFileSync(path.join(HERE, 'card-floor.mjs'), 'utf8').replace(
      "import { context } from '@actions/github'",
      `import { Context } from '${path.join(ROOT, 'node_modules', '@actions', 'github', 'lib', 'context.js')}'\nconst context = new Context()`
    ),
    'card-floor-context'
  )
  const minimalEnv = {
    PATH: process.env.PATH ?? '',
    BENCH_BASE_URL: sandbox.url,
    BENCH_USERNAME: DEMO_USER.username,
    BENCH_PASSWORD: DEMO_USER.password
  }
  const scripts = [step.command[1], cardScript, contextScript]
  const runners = [
    ...scripts.map(script => () => timeProcess(node24, [script], step.env)),
    () => timeProcess(node24, [path.join(HERE, 'minimal-step.mjs')], minimalEnv)
  ]
  for (let i = 0; i < WARM_UP; i++) for (const run of runners) await run()
  /** @type {number[][]} */
  const times = runners.map(() => [])
  for (let i = 0; i < PAIRS; i++) {
    // Rotate which goes first, so none always runs right after another.
    for (let j = 0; j < runners.length; j++) {
      const k = (i + j) % runners.length
      times[k].push(await runners[k]())
    }
  }
  const [stepTimes, cardTimes, contextTimes, minimalTimes] = times
  const figures = (/** @type {number[]} */ values) => `median ${median(values).toFixed(1)} ms   min ${Math.min(...values).toFixed(1)} ms`
  print('')
  print(`Sign-in + GET /user, ${PAIRS} rounds after ${WARM_UP} warm-up rounds (wall time of the process):`)
  print(`  action step (dist/index.js)          ${figures(stepTimes)}`)
  print(`  card floor (core+github+node-fetch)  ${figures(cardTimes)}`)
  print(`  card floor, github's Context alone   ${figures(contextTimes)}`)
  print(`  node:http floor                      ${figures(minimalTimes)}`)
  print(`  action / card floor                  ${(median(stepTimes) / median(cardTimes)).toFixed(2)}× (target: at most 1.10×)`)
  print(`  action / floor with Context alone    ${(median(stepTimes) / median(contextTimes)).toFixed(2)}× (the action's own code)`)
  print(`  action / node:http floor             ${(median(stepTimes) / median(minimalTimes)).toFixed(2)}×`)

  // CPU time (user + system) of the same processes: less moved by what else the machine does.
  const cpuFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-startup-cpu-')), 'cpu')
  const cpuEnv = { NODE_OPTIONS: `--import=${path.join(HERE, 'max-rss.mjs')}`, BENCH_CPU_FILE: cpuFile }
  /** @type {number[][]} */
  const cpu = scripts.map(() => [])
  for (let i = 0; i < PAIRS; i++) {
    for (let j = 0; j < scripts.length; j++) {
      const k = (i + j) % scripts.length
      await timeProcess(node24, [scripts[k]], { ...step.env, ...cpuEnv })
      cpu[k].push(Number(readFileSync(cpuFile, 'utf8')))
    }
  }
  const [stepCpu, cardCpu, contextCpu] = cpu.map(median)
  print(
    `  CPU time: action ${stepCpu.toFixed(1)} ms, card floor ${cardCpu.toFixed(1)} ms, with Context alone ${contextCpu.toFixed(1)} ms (medians)`
  )
  print(`  action / card floor, CPU time       ${(stepCpu / cardCpu).toFixed(2)}×`)
  print(`  action / floor with Context alone   ${(stepCpu / contextCpu).toFixed(2)}× in CPU time`)

  const instructions = await instructionCounts(scripts, step.env)
  if (instructions) {
    const [action, card, context] = instructions
    print(`  instructions (callgrind, fixed seeds, one thread): action ${action} M, card floor ${card} M, with Context alone ${context} M`)
    print(
      `  action / card floor, instructions  ${(action / card).toFixed(2)}×; / floor with Context alone ${(action / context).toFixed(2)}×`
    )
  } else {
    print('  instructions: skipped (valgrind is not installed)')
  }

  const before = sandbox.state.connections
  const requestsBefore = sandbox.requests.length
  await step.run()
  print(
    `  connections per step                 ${sandbox.state.connections - before} for ${sandbox.requests.length - requestsBefore} requests`
  )
  step.cleanup()
  await sandbox.close()
}

// 2. The flow gate at a tenant's distance: every answer LATENCY ms late, 3 gated flows named among N.
if (!only || only === 'gate') {
  const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 25)
  const runs = Number(process.env.BENCH_GATE_RUNS ?? 3)
  const sizes = [100, 1_000, 5_000, 50_000]
  const names = ['Orders sync', 'Invoice mailer', 'Billing export']
  /** @typedef {Awaited<ReturnType<typeof gateStep>>} GateStep */
  /** @type {Array<{size: number, sandbox: Awaited<ReturnType<typeof startSandbox>>, targets: object[], once: GateStep[], polled: GateStep[]}>} */
  const accounts = []
  for (const size of sizes) {
    const { flows, targets } = largeAccount(size, names)
    const sandbox = await startSandbox({ flows, latencyMs })
    stampArrivals(sandbox)
    accounts.push({ size, sandbox, targets, once: [], polled: [] })
  }
  const inputs = { flows: names.join('\n'), 'max-errors': '0', summary: 'false' }
  for (let run = 0; run < runs; run++) {
    // Rotate the sizes, so none always runs first or right after another.
    for (let j = 0; j < accounts.length; j++) {
      const account = accounts[(run + j) % accounts.length]
      for (const target of account.targets) Object.assign(target, { stage: 'running', upcomingStages: [] })
      account.once.push(await gateStep(account.sandbox, { ...inputs, wait: '0s' }))
      // The second flow reads stopped at the first check and the next, running at the third:
      // the sandbox moves it on at each read, so the polls are the same in every run.
      Object.assign(account.targets[1], { stage: 'stopped', upcomingStages: ['stopped', 'stopped', 'running'] })
      account.polled.push(await gateStep(account.sandbox, { ...inputs, wait: '30s', 'poll-interval': '1s' }))
    }
  }
  print('')
  print(`Flow gate at ${latencyMs} ms a request: 3 gated flows (names) among N, max-errors 0; medians of ${runs} runs of dist/index.js:`)
  print('  wall time of a check: from its first request reaching the sandbox to the step printing its verdict')
  print('  N         first check         later poll          whole step (passes at once)   connections')
  /** @type {number[]} */
  const firstTimes = []
  for (const { size, sandbox, once, polled } of accounts) {
    const first = polled.map(step => step.checks[0])
    const later = polled.flatMap(step => step.checks.slice(1))
    const requests = (/** @type {{requests: number}[]} */ checks) => [...new Set(checks.map(check => check.requests))].join('/')
    const ms = (/** @type {{ms: number}[]} */ checks) => median(checks.map(check => check.ms))
    firstTimes.push(ms(first))
    print(
      `  ${size.toLocaleString('en-US').padEnd(8)}` +
        `  ${requests(first).padStart(2)} req ${ms(first).toFixed(0).padStart(5)} ms` +
        `   ${requests(later).padStart(2)} req ${ms(later).toFixed(0).padStart(5)} ms` +
        `   ${String(once[0].requests).padStart(2)} req (sign-in included) ${median(once.map(step => step.ms))
          .toFixed(0)
          .padStart(5)} ms` +
        `   ${[...new Set([...once, ...polled].map(step => step.connections))].join('/')}`
    )
    await sandbox.close()
  }
  print(
    `  first check at 50,000 / at 100 flows: ${((firstTimes.at(-1) ?? NaN) / firstTimes[0]).toFixed(2)}× (target: at most 1.5×; at most 6 requests)`
  )

  // CPU of the listing fallback at 5,000 flows (50 pages parsed, names resolved), in-process.
  const resolutionDir = mkdtempSync(path.join(os.tmpdir(), 'bench-resolution-'))
  execFileSync('npx', ['ncc', 'build', path.join(HERE, 'resolution-work.ts'), '-o', resolutionDir, '--quiet'], { stdio: 'inherit' })
  const resolution = execFileSync(node24, [path.join(resolutionDir, 'index.js')], { encoding: 'utf8' }).trim()
  print(`  listing fallback at 5,000 flows: ${resolution} ms of CPU (50 pages parsed, indexed, 3 names resolved; target: under 50 ms)`)
}

// 3. Peak memory on a 60 MB response: growth over a small call, as a multiple of the body.
if (!only || only === 'memory') {
  const flows = Array.from({ length: 60_000 }, (_, i) => makeFlow(`Flow ${i}`, 'running', { description: 'd'.repeat(700) }))
  const sandbox = await startSandbox({ flows })
  const rssDir = mkdtempSync(path.join(os.tmpdir(), 'bench-rss-'))
  const rssFile = path.join(rssDir, 'rss')
  const env = { NODE_OPTIONS: `--import=${path.join(HERE, 'max-rss.mjs')}`, BENCH_RSS_FILE: rssFile }
  /** @param {Record<string, string>} inputs */
  const peakKb = async inputs => {
    const command = stepCommand(sandbox, { summary: 'false', ...inputs }, env, rssDir)
    await command.run()
    command.cleanup()
    return Number(readFileSync(rssFile, 'utf8'))
  }
  const baseKb = await peakKb({ endpoint: '/user' })
  const all = { endpoint: '/flows', query: 'limit=100000' }
  const selectKb = await peakKb({ ...all, select: 'length(@)' })
  const fileKb = await peakKb({ ...all, 'response-file': path.join(rssDir, 'body.json') })
  const bodyBytes = Buffer.byteLength(JSON.stringify(flows))
  /** @param {number} kb */
  const growth = kb =>
    `${(kb / 1024).toFixed(1)} MiB: +${((kb - baseKb) / 1024).toFixed(1)} MiB = ${(((kb - baseKb) * 1024) / bodyBytes).toFixed(2)}× the body`
  const size = `${(bodyBytes / 2 ** 20).toFixed(1)} MiB`
  print('')
  print('Peak memory (maxRSS of the step process):')
  print(`  GET /user                                  ${(baseKb / 1024).toFixed(1)} MiB`)
  print(`  GET /flows, ${size} body, with select     ${growth(selectKb)} (target: at most 3.5×)`)
  print(`  GET /flows, ${size} body, to a file only  ${growth(fileKb)} (target: at most 1.5×)`)
  await sandbox.close()

  // A gzip bomb: 1 GiB of zeros in about 1 MiB on the wire. The step reads it to its decoded
  // limit (256 MiB), then fails; its peak memory is what that limit costs.
  const gzip = zlib.createGzip({ level: 9 })
  const parts = /** @type {Buffer[]} */ ([])
  gzip.on('data', part => parts.push(part))
  const zeros = Buffer.alloc(2 ** 20)
  for (let i = 0; i < 1024; i++) if (!gzip.write(zeros)) await new Promise(resolve => gzip.once('drain', resolve))
  await new Promise(resolve => gzip.end(resolve))
  const bomb = Buffer.concat(parts)
  const bombServer = http.createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) })
    res.end(bomb)
  })
  await new Promise(resolve => bombServer.listen(0, '127.0.0.1', () => resolve(undefined)))
  const bombUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (bombServer.address()).port}`
  for (const [label, extra] of /** @type {const} */ ([
    ['in memory', {}],
    ['to a file', { 'response-file': path.join(rssDir, 'bomb.json') }]
  ])) {
    const step = prepareStep({
      inputs: { 'base-url': bombUrl, token: 'bench.token.x', endpoint: '/bomb', summary: 'false', ...extra },
      env,
      workspace: rssDir
    })
    // The step fails (exit code 1): the answer is past its limit.
    await timeProcess(step.command[0], [step.command[1]], step.env, 1)
    step.cleanup()
    const kb = Number(readFileSync(rssFile, 'utf8'))
    print(
      `  gzip bomb, ${(bomb.length / 2 ** 20).toFixed(1)} MiB inflating to 1 GiB, ${label}: peak ${(kb / 1024).toFixed(1)} MiB (read to the 256 MiB limit, then failed)`
    )
  }
  await new Promise(resolve => bombServer.close(() => resolve(undefined)))
}
