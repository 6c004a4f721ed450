// @ts-check
/**
 * `npm start`: run the action as a workflow step would, and print what its author would see.
 *
 *   npm start                                   # against the built-in sandbox
 *   npm start -- --endpoint /flows --select "[].name"
 *   npm start -- --tenant acme --username … --password …                  # a real tenant
 *   APPMIXER_TENANT=acme APPMIXER_USERNAME=… APPMIXER_PASSWORD=… npm start   # the same
 *
 * Any `--name value` pair becomes the action input `name`. Without `--tenant` or `--base-url`
 * (nor APPMIXER_TENANT or APPMIXER_BASE_URL) the step runs against a sandbox started for it.
 * The step is stopped if it runs past its own limit (scripts/local-runner.js `stepLimit`).
 */
import { startSandbox } from '../sandbox/server.js'
import { DEMO_USER } from '../sandbox/seed.js'
import { readActionYml, runStep, stepLimit } from './local-runner.js'

const action = readActionYml()
const WIDTH = 100

/** Every option `npm start` takes: the action's inputs, and the switches of this script. */
function usage() {
  const inputs = Object.entries(action.inputs).flatMap(([name, spec]) => [
    `  --${name} <value>`,
    ...wrap(spec.description ?? '', WIDTH - 6).map(line => `      ${line}`),
    ...(spec.default !== undefined ? [`      Default: ${String(spec.default)}`] : [])
  ])
  return [
    'Usage: npm start -- [--<input> <value> | --<input>=<value>]... [--debug] [--help]',
    '',
    'Runs dist/index.js as a workflow step would, against a sandbox started for the run, or',
    'against a real tenant with --tenant or --base-url (or APPMIXER_TENANT or APPMIXER_BASE_URL;',
    'then APPMIXER_USERNAME and APPMIXER_PASSWORD give the credentials unless --username and',
    '--password do). The step is stopped if it runs past its own limit: publish-timeout, wait',
    'and hold, one timeout per attempt, and a margin.',
    '',
    'Switches:',
    `${'  --debug'.padEnd(12)} Run in debug mode (RUNNER_DEBUG=1), as a re-run with debug logging does.`,
    `${'  --help'.padEnd(12)} This list.`,
    '',
    'Inputs (from action.yml):',
    ...inputs
  ].join('\n')
}

/** Words of `text` in lines of at most `width` characters. @param {string} text @param {number} width */
function wrap(text, width) {
  const lines = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines
}

/**
 * @param {string[]} argv
 * @returns {{inputs: Record<string, string>, debug: boolean, help: boolean} | {error: string}}
 */
function parseArguments(argv) {
  /** @type {Record<string, string>} */
  const inputs = {}
  let debug = false
  let help = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--debug') debug = true
    else if (arg === '--help' || arg === '-h') help = true
    else if (arg.startsWith('--')) {
      const at = arg.indexOf('=')
      const name = at > 0 ? arg.slice(2, at) : arg.slice(2)
      if (!(name in action.inputs)) return { error: `Unknown option '--${name}': not an input of the action nor a switch` }
      if (at > 0) inputs[name] = arg.slice(at + 1)
      else if (i + 1 < argv.length) inputs[name] = argv[++i]
      else return { error: `Option '--${name}' needs a value` }
    } else return { error: `Unexpected argument '${arg}': give inputs as --name value (e.g. --endpoint /flows)` }
  }
  return { inputs, debug, help }
}

/** `2m45s`, `1h0m15s`, `50s`. @param {number} ms */
function seconds(ms) {
  const total = Math.round(ms / 1000)
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60]
  return h ? `${h}h${m}m${s}s` : m ? `${m}m${s ? `${s}s` : ''}` : `${s}s`
}

const parsed = parseArguments(process.argv.slice(2))
if ('error' in parsed) {
  console.error(`${parsed.error}\n`)
  console.error(usage())
  process.exit(2)
}
if (parsed.help) {
  console.log(usage())
  process.exit(0)
}
const { inputs, debug } = parsed
const env = process.env
let sandbox
if (inputs.tenant || inputs['base-url'] || env.APPMIXER_TENANT || env.APPMIXER_BASE_URL) {
  // A host given on the command line wins over one from the environment; never both.
  if (!inputs.tenant && !inputs['base-url']) {
    if (env.APPMIXER_TENANT) inputs.tenant = env.APPMIXER_TENANT
    else inputs['base-url'] = env.APPMIXER_BASE_URL ?? ''
  }
  if (inputs.username === undefined && inputs.token === undefined && env.APPMIXER_USERNAME) inputs.username = env.APPMIXER_USERNAME
  if (inputs.password === undefined && inputs.token === undefined && env.APPMIXER_PASSWORD) inputs.password = env.APPMIXER_PASSWORD
  const host = inputs.tenant ? `tenant ${inputs.tenant}` : inputs['base-url']
  console.log(`Running the action against ${inputs.tenant && inputs['base-url'] ? `${host} and ${inputs['base-url']}` : host}`)
} else {
  sandbox = await startSandbox()
  const credentials = inputs.token === undefined ? { username: DEMO_USER.username, password: DEMO_USER.password } : {}
  Object.assign(inputs, { 'base-url': sandbox.url, ...credentials, ...inputs })
  console.log(`Running the action against the Appmixer sandbox at ${sandbox.url} (user ${DEMO_USER.username})`)
}
// A step must say what it does; the local tryout's default is the call that checks the credentials.
const INTENT = ['flows', 'endpoint', 'publish', 'deploy', 'export']
if (!INTENT.some(name => inputs[name])) {
  inputs.endpoint = '/user'
  console.log('No flows, endpoint, publish, deploy or export given: calling --endpoint /user (checks the credentials)')
}
const limit = stepLimit(inputs)
console.log(`The step is stopped if it runs past ${seconds(limit.limitMs)} (${limit.parts.join(' + ')}).`)

/** What a runner hands a step from its own environment: proxies, private CAs, Node options. */
const passed = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'NODE_EXTRA_CA_CERTS', 'NODE_OPTIONS']
/** @type {Record<string, string>} */
const stepEnv = {}
for (const name of passed) if (env[name] !== undefined) stepEnv[name] = env[name] ?? ''

try {
  const step = await runStep({ inputs, debug, env: stepEnv, timeoutMs: limit.limitMs })
  console.log('\n── step log (masked as the runner masks it) ──')
  for (const line of step.log) console.log(line)
  if (step.stderr.trim()) console.log(mask(step.stderr.trimEnd(), step.masks))
  console.log('\n── outputs ──')
  for (const [name, value] of Object.entries(step.outputs)) {
    const shown = value.length > 300 ? `${value.slice(0, 300)}… (${value.length} characters)` : value
    console.log(`${name}: ${mask(shown, step.masks)}`)
  }
  if (step.summary.trim()) console.log(`\n── job summary ──\n${mask(step.summary.trimEnd(), step.masks)}`)
  if (step.killed) {
    console.log(`\n── stopped: the step ran past its limit of ${seconds(limit.limitMs)} (${step.durationMs} ms) ──`)
    process.exitCode = 1
  } else {
    console.log(`\n── exit code ${step.code} (${step.durationMs} ms) ──`)
    process.exitCode = step.code ?? 1
  }
} finally {
  await sandbox?.close()
}

/** @param {string} text @param {string[]} masks */
function mask(text, masks) {
  return [...masks]
    .sort((a, b) => b.length - a.length)
    .reduce((result, secret) => (secret ? result.split(secret).join('***') : result), text)
}
