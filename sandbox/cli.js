// @ts-check
/**
 * Runs the sandbox on its own, e.g. for the workflow that tests the action on itself:
 *   node sandbox/cli.js --port 2200
 * Prints the URL and the demo credentials, and serves until stopped.
 */
import { startSandbox } from './server.js'
import { DEMO_USER } from './seed.js'

const portAt = process.argv.indexOf('--port')
const port = portAt > 0 ? Number(process.argv[portAt + 1]) : 2200
const sandbox = await startSandbox({ port })
console.log(`Appmixer sandbox on ${sandbox.url} (user ${DEMO_USER.username}, password ${DEMO_USER.password})`)
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void sandbox.close().then(() => process.exit(0)))
