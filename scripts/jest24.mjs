// @ts-check
/**
 * Jest under Node 24, the version GitHub's runners start the action with, whatever Node runs
 * npm: `node scripts/jest24.mjs [jest arguments…]` (npm test, test:unit and test:future use it).
 * Node 24 is found by scripts/node24.js (`npx -y node@24`, cached by npm; looked up on real
 * time even under faketime). Jest runs in ESM mode (--experimental-vm-modules, through
 * NODE_OPTIONS so its workers have it too); the exit code is Jest's.
 */
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import os from 'node:os'
import { node24Path } from './node24.js'

const node = node24Path()
const jest = createRequire(import.meta.url).resolve('jest/bin/jest')
const options = [process.env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' ')
const child = spawn(node, [jest, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, NODE_OPTIONS: options, NODE24_PATH: node }
})
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => {
  process.exitCode = signal ? 128 + (os.constants.signals[signal] ?? 0) : (code ?? 1)
})
