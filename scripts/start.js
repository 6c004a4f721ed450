// @ts-check
/**
 * `npm start`: run the action as a workflow step would, and print what its author would see.
 *
 *   npm start                                   # against the built-in sandbox
 *   npm start -- --endpoint /flows --select "[].name"
 *   APPMIXER_TENANT=acme APPMIXER_USERNAME=… APPMIXER_PASSWORD=… npm start   # a real tenant
 *
 * Any `--name value` pair becomes the action input `name`.
 */
import { startSandbox } from '../sandbox/server.js'
import { DEMO_USER } from '../sandbox/seed.js'
import { readActionYml, runStep } from './local-runner.js'

const action = readActionYml()

/** Every option `npm start` takes: the action's inputs, and the switches of this script. */
function usage() {
  const inputs = Object.entries(action.inputs).map(
    ([name, spec]) => `${`  --${name} <value>`.padEnd(32)} ${shortened(/** @type {any} */ (spec).description ?? '')}`
  )
  return [
    'Usage: npm start -- [--<input> <value> | --<input>=<value>]... [--debug] [--help]',
    '',
    'Runs dist/index.js as a workflow step would, against the built-in Appmixer sandbox, or against',
    'a real tenant when APPMIXER_TENANT (or APPMIXER_BASE_URL), APPMIXER_USERNAME and',
    'APPMIXER_PASSWORD are set.',
    '',
    'Switches:',
    `${'  --debug'.padEnd(32)} Run in debug mode (RUNNER_DEBUG=1), as a re-run with debug logging does.`,
    `${'  --help'.padEnd(32)} This list.`,
    '',
    'Inputs (see action.yml and the README):',
    ...inputs
  ].join('\n')
}

/** @param {string} text */
function shortened(text) {
  return text.length > 90 ? `${text.slice(0, 89)}…` : text
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
const realTenant = env.APPMIXER_TENANT || env.APPMIXER_BASE_URL
let sandbox
if (realTenant) {
  Object.assign(inputs, {
    ...(env.APPMIXER_TENANT ? { tenant: env.APPMIXER_TENANT } : { 'base-url': env.APPMIXER_BASE_URL ?? '' }),
    username: env.APPMIXER_USERNAME ?? '',
    password: env.APPMIXER_PASSWORD ?? '',
    ...inputs
  })
  console.log(`Running the action against ${env.APPMIXER_TENANT ? `tenant ${env.APPMIXER_TENANT}` : env.APPMIXER_BASE_URL}`)
} else {
  sandbox = await startSandbox()
  Object.assign(inputs, { 'base-url': sandbox.url, username: DEMO_USER.username, password: DEMO_USER.password, ...inputs })
  console.log(`Running the action against the Appmixer sandbox at ${sandbox.url} (user ${DEMO_USER.username})`)
}

try {
  const step = await runStep({ inputs, debug })
  console.log('\n── step log (masked as the runner masks it) ──')
  for (const line of step.log) console.log(line)
  if (step.stderr.trim()) console.log(step.stderr.trimEnd())
  console.log('\n── outputs ──')
  for (const [name, value] of Object.entries(step.outputs)) {
    const shown = value.length > 300 ? `${value.slice(0, 300)}… (${value.length} characters)` : value
    console.log(`${name}: ${mask(shown, step.masks)}`)
  }
  if (step.summary.trim()) console.log(`\n── job summary ──\n${step.summary.trimEnd()}`)
  console.log(`\n── exit code ${step.code} (${step.durationMs} ms) ──`)
  process.exitCode = step.code ?? 1
} finally {
  await sandbox?.close()
}

/** @param {string} text @param {string[]} masks */
function mask(text, masks) {
  return masks.reduce((result, secret) => (secret ? result.split(secret).join('***') : result), text)
}
