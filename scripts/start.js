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
import { runStep } from './local-runner.js'

/** @param {string[]} argv */
function parseArguments(argv) {
  /** @type {Record<string, string>} */
  const inputs = {}
  let debug = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--debug') debug = true
    else if (arg.startsWith('--') && arg.includes('=')) inputs[arg.slice(2, arg.indexOf('='))] = arg.slice(arg.indexOf('=') + 1)
    else if (arg.startsWith('--') && i + 1 < argv.length) inputs[arg.slice(2)] = argv[++i]
    else throw new Error(`Unexpected argument '${arg}': give inputs as --name value (e.g. --endpoint /flows), or --debug`)
  }
  return { inputs, debug }
}

const { inputs, debug } = parseArguments(process.argv.slice(2))
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
