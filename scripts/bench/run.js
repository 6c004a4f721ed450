// @ts-check
/**
 * `npm run bench`: what a step costs, in figures. Runs the committed dist/index.js as a step
 * (Node 24, sandbox on loopback) alternating with two floors doing the same sign-in and GET:
 * the card floor (the least action on @actions/core, @actions/github and node-fetch, bundled
 * with ncc like the action) and a bare node:http script. Prints medians and ratios, connections
 * per step, list requests per poll of a 300-flow gate, and peak memory on a 60 MB response.
 * Figures, not tests: nothing here passes or fails on time.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, makeFlow } from '../../sandbox/seed.js'
import { prepareStep } from '../local-runner.js'
import { node24Path } from '../node24.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const PAIRS = Number(process.env.BENCH_PAIRS ?? 21)
const WARM_UP = 3

/** @param {string} command @param {string[]} args @param {Record<string, string>} env */
function timeProcess(command, args, env) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'inherit'] })
    child.on('error', reject)
    child.on('close', code => {
      if (code !== 0) reject(new Error(`${args.join(' ')} exited with ${code}`))
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

/** @param {Awaited<ReturnType<typeof startSandbox>>} sandbox @param {Record<string, string>} inputs @param {Record<string, string>} [env] */
function stepCommand(sandbox, inputs, env = {}) {
  const step = prepareStep({
    inputs: { 'base-url': sandbox.url, username: DEMO_USER.username, password: DEMO_USER.password, ...inputs },
    env
  })
  return { ...step, run: () => timeProcess(step.command[0], [step.command[1]], step.env) }
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
  const step = stepCommand(sandbox, { summary: process.env.BENCH_SUMMARY ?? 'true' })
  const cardDir = mkdtempSync(path.join(os.tmpdir(), 'bench-card-floor-'))
  execFileSync('npx', ['ncc', 'build', path.join(HERE, 'card-floor.mjs'), '-o', cardDir, '--quiet'], { stdio: 'inherit' })
  const cardFloor = () => timeProcess(node24, [path.join(cardDir, 'index.mjs')], step.env)
  const minimalEnv = {
    PATH: process.env.PATH ?? '',
    BENCH_BASE_URL: sandbox.url,
    BENCH_USERNAME: DEMO_USER.username,
    BENCH_PASSWORD: DEMO_USER.password
  }
  const minimal = () => timeProcess(node24, [path.join(HERE, 'minimal-step.mjs')], minimalEnv)
  const runners = [step.run, cardFloor, minimal]
  for (let i = 0; i < WARM_UP; i++) for (const run of runners) await run()
  /** @type {number[][]} */
  const times = [[], [], []]
  for (let i = 0; i < PAIRS; i++) {
    // Rotate which goes first, so none always runs right after another.
    for (let j = 0; j < runners.length; j++) {
      const k = (i + j) % runners.length
      times[k].push(await runners[k]())
    }
  }
  const [stepTimes, cardTimes, minimalTimes] = times
  print('')
  print(`Sign-in + GET /user, ${PAIRS} rounds after ${WARM_UP} warm-up rounds (wall time of the process):`)
  print(`  action step (dist/index.js)          median ${median(stepTimes).toFixed(1)} ms   min ${Math.min(...stepTimes).toFixed(1)} ms`)
  print(`  card floor (core+github+node-fetch)  median ${median(cardTimes).toFixed(1)} ms   min ${Math.min(...cardTimes).toFixed(1)} ms`)
  print(
    `  node:http floor                      median ${median(minimalTimes).toFixed(1)} ms   min ${Math.min(...minimalTimes).toFixed(1)} ms`
  )
  print(`  action / card floor                  ${(median(stepTimes) / median(cardTimes)).toFixed(2)}× (target: at most 1.10×)`)
  print(`  action / node:http floor             ${(median(stepTimes) / median(minimalTimes)).toFixed(2)}×`)

  // CPU time (user + system) of the same processes: less moved by what else the machine does.
  const cpuFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-startup-cpu-')), 'cpu')
  const cpuEnv = { NODE_OPTIONS: `--import=${path.join(HERE, 'max-rss.mjs')}`, BENCH_CPU_FILE: cpuFile }
  /** @param {string} script */
  const cpuOf = async script => {
    await timeProcess(node24, [script], { ...step.env, ...cpuEnv })
    return Number(readFileSync(cpuFile, 'utf8'))
  }
  /** @type {number[][]} */
  const cpu = [[], []]
  for (let i = 0; i < PAIRS; i++) {
    const order = i % 2 === 0 ? [0, 1] : [1, 0]
    for (const k of order) cpu[k].push(await cpuOf(k === 0 ? step.command[1] : path.join(cardDir, 'index.mjs')))
  }
  print(`  CPU time: action ${median(cpu[0]).toFixed(1)} ms, card floor ${median(cpu[1]).toFixed(1)} ms (medians)`)
  print(`  action / card floor, CPU time       ${(median(cpu[0]) / median(cpu[1])).toFixed(2)}×`)

  const before = sandbox.state.connections
  const requestsBefore = sandbox.requests.length
  await step.run()
  print(
    `  connections per step                 ${sandbox.state.connections - before} for ${sandbox.requests.length - requestsBefore} requests`
  )
  step.cleanup()
  await sandbox.close()
}

// 2. The flow gate's cost on big accounts: 3 gated flows among N.
if (!only || only === 'gate') {
  print('')
  print('Flow gate, 3 gated flows (names) among N, one of them stopped; waiting 6s, a poll every second:')
  print('  N        first check   later polls                 requests per later poll (target: at most 3)')
  for (const size of [100, 1_000, 5_000]) {
    const flows = Array.from({ length: size }, (_, i) => makeFlow(`Flow ${i}`, i === 1 ? 'stopped' : 'running'))
    const sandbox = await startSandbox({ flows })
    const gate = stepCommand(sandbox, { flows: 'Flow 0\nFlow 1\nFlow 2', wait: '6s', 'poll-interval': '1s', summary: 'false' })
    await gate.run().catch(() => undefined) // times out: the flow stays stopped
    const lists = sandbox.requests.filter(request => request.path === '/flows').length
    const reads = sandbox.requests.filter(request => /^\/flows\/[^/]+$/.test(request.path)).length
    const firstCheck = Math.ceil((size + 1) / 101)
    const laterRequests = lists - firstCheck + reads
    const laterPolls = Math.max(1, reads > 0 ? reads / 3 : (lists - firstCheck) / firstCheck)
    print(
      `  ${String(size).padEnd(8)} ${String(firstCheck).padStart(3)} lists     ${String(laterRequests).padStart(3)} requests in ${laterPolls} polls` +
        `       ${(laterRequests / laterPolls).toFixed(0)}`
    )
    gate.cleanup()
    await sandbox.close()
  }
  // CPU of the first check at 5,000 flows (50 pages parsed, names resolved), over a plain call.
  const flows = Array.from({ length: 5_000 }, (_, i) => makeFlow(`Flow ${i}`))
  const sandbox = await startSandbox({ flows })
  const cpuFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'bench-cpu-')), 'cpu')
  const env = { NODE_OPTIONS: `--import=${path.join(HERE, 'max-rss.mjs')}`, BENCH_CPU_FILE: cpuFile }
  /** @param {Record<string, string>} inputs */
  const cpuMs = async inputs => {
    const samples = []
    for (let i = 0; i < 7; i++) {
      const command = stepCommand(sandbox, { summary: 'false', ...inputs }, env)
      await command.run()
      command.cleanup()
      samples.push(Number(readFileSync(cpuFile, 'utf8')))
    }
    return median(samples)
  }
  const plain = await cpuMs({})
  const gate = await cpuMs({ flows: 'Flow 0\nFlow 2500\nFlow 4999' })
  const resolutionDir = mkdtempSync(path.join(os.tmpdir(), 'bench-resolution-'))
  execFileSync('npx', ['ncc', 'build', path.join(HERE, 'resolution-work.ts'), '-o', resolutionDir, '--quiet'], { stdio: 'inherit' })
  const resolution = execFileSync(node24, [path.join(resolutionDir, 'index.js')], { encoding: 'utf8' }).trim()
  print(
    `  first check at 5,000 flows, resolution work: ${resolution} ms of CPU (50 pages parsed, indexed, 3 names resolved; target: under 50 ms)`
  )
  print(
    `  first check at 5,000 flows, whole step:      ${(gate - plain).toFixed(1)} ms of CPU over a plain call (50 requests included; median of 7)`
  )
  await sandbox.close()
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
    const command = stepCommand(sandbox, { summary: 'false', ...inputs }, env)
    await command.run()
    command.cleanup()
    return Number(readFileSync(rssFile, 'utf8'))
  }
  const baseKb = await peakKb({})
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
}
