// @ts-check
/**
 * `npm run sandbox`: a local Appmixer sandbox that stays up, to try the action (or curl) against.
 * Prints its URL, the demo user's credentials and the seeded flows with their ids, and serves
 * until stopped (Ctrl-C). `npm run sandbox -- --help` lists the switches.
 */
import { startSandbox } from './server.js'
import { DEMO_USER, deadLetters, demoTenant, errorRecords } from './seed.js'

const USAGE = `Usage: npm run sandbox -- [switches]

Runs a local Appmixer sandbox until stopped (Ctrl-C): the demo user, three demo flows and the demo
accounts their connector components use (all valid unless --invalid-account).

Switches:
  --port <n>            Port to listen on (default 2200; 0 picks a free one).
  --errors <n>          Seed n error records in the logs of the first flow, within the last 5 minutes.
  --dead-letters <n>    Seed n unprocessed messages of the first flow.
  --slow-stop <time>    A background stop takes this long (e.g. 3s, 1500ms, 1m; a bare number is ms).
  --latency <ms>        Answer every request this many ms late.
  --invalid-account     The demo Gmail account tests invalid (POST /accounts/:id/test).
  --help                This text.`

/** @param {string} text @returns {number | undefined} milliseconds */
function duration(text) {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text)
  if (!match) return undefined
  return Number(match[1]) * { ms: 1, s: 1000, m: 60_000 }[/** @type {'ms' | 's' | 'm'} */ (match[2] ?? 'ms')]
}

/**
 * @param {string[]} argv
 * @returns {{help: true} | {error: string} | {port: number, errors: number, deadLetters: number, stopDurationMs: number,
 *   latencyMs: number, invalidAccount: boolean}}
 */
function parseSwitches(argv) {
  const parsed = { port: 2200, errors: 0, deadLetters: 0, stopDurationMs: 0, latencyMs: 0, invalidAccount: false }
  /** @type {Record<string, [key: 'port' | 'errors' | 'deadLetters' | 'stopDurationMs' | 'latencyMs', read: (text: string) => number | undefined]>} */
  const valued = {
    '--port': ['port', text => (/^\d+$/.test(text) && Number(text) < 65536 ? Number(text) : undefined)],
    '--errors': ['errors', text => (/^\d+$/.test(text) ? Number(text) : undefined)],
    '--dead-letters': ['deadLetters', text => (/^\d+$/.test(text) ? Number(text) : undefined)],
    '--slow-stop': ['stopDurationMs', duration],
    '--latency': ['latencyMs', duration]
  }
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2)
    if (name === '--help' || name === '-h') return { help: true }
    if (name === '--invalid-account') {
      parsed.invalidAccount = true
      continue
    }
    const spec = valued[name]
    if (!spec) return { error: `Unknown switch: ${argv[i]}` }
    const text = inline ?? argv[++i]
    const value = text === undefined ? undefined : spec[1](text)
    if (value === undefined)
      return { error: `${name} needs a value such as ${name === '--slow-stop' ? '3s' : '25'}, not ${text ?? 'nothing'}` }
    parsed[spec[0]] = value
  }
  return parsed
}

const switches = parseSwitches(process.argv.slice(2))
if ('help' in switches) {
  console.log(USAGE)
  process.exit(0)
}
if ('error' in switches) {
  console.error(`${switches.error}\n\n${USAGE}`)
  process.exit(2)
}

const tenant = demoTenant({ invalidAccount: switches.invalidAccount })
const [first] = tenant.flows
const now = Date.now()
const sandbox = await startSandbox({
  port: switches.port,
  ...tenant,
  logs: errorRecords(first.flowId, switches.errors, { now }),
  unprocessed: deadLetters(first.flowId, switches.deadLetters, { now }),
  stopDurationMs: switches.stopDurationMs,
  latencyMs: switches.latencyMs
})
const lines = [
  `Appmixer sandbox on ${sandbox.url}`,
  `  user:     ${DEMO_USER.username}`,
  `  password: ${DEMO_USER.password}`,
  'Flows:',
  ...tenant.flows.map(flow => `  ${flow.flowId}  ${flow.stage.padEnd(8)} ${flow.name}`),
  'Accounts:',
  ...tenant.accounts.map(account => `  ${account.accountId}  ${account.service.padEnd(16)} tests ${account.test}`),
  ...(switches.errors ? [`${switches.errors} error records in the logs of '${first.name}'`] : []),
  ...(switches.deadLetters ? [`${switches.deadLetters} unprocessed messages of '${first.name}'`] : []),
  ...(switches.stopDurationMs ? [`A background stop takes ${switches.stopDurationMs} ms`] : []),
  ...(switches.latencyMs ? [`Every answer comes ${switches.latencyMs} ms late`] : []),
  'Ctrl-C stops it.'
]
console.log(lines.join('\n'))
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void sandbox.close().then(() => process.exit(0)))
