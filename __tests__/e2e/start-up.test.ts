/**
 * Start-up loads only what the step uses (docs/benchmarks.md): dist/index.js as the runner runs
 * it, with a preload that records every module file the process loads. A call compiles no gate,
 * publish or flows-as-code code; a gate loads its stages' chunks when it runs them.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ROOT } from '../../scripts/local-runner.js'
import { startSandbox } from '../../sandbox/server.js'
import { makeFlow } from '../../sandbox/seed.js'
import { runScenario, signInTo, type Sandbox } from '../helpers/scenario.js'

let sandbox: Sandbox

afterEach(() => sandbox?.close())

/** The files of dist/ a step loaded, by name. */
async function distFilesLoaded(inputs: Record<string, string>): Promise<string[]> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'appmixer-loads-')), 'loaded')
  const preload = new URL('../helpers/record-loads.mjs', import.meta.url).pathname
  const step = await runScenario(sandbox, {
    inputs: { ...signInTo(sandbox), ...inputs },
    env: { NODE_OPTIONS: `--import=${preload}`, RECORD_LOADS_FILE: file }
  })
  expect(step.outputs.result).toBe('pass')
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(url => url.includes('/dist/'))
    .map(url => url.slice(url.lastIndexOf('/') + 1))
}

describe('what a step loads', () => {
  it('a call loads the bundle alone: no chunk of the gate, publish or flows-as-code stages', async () => {
    sandbox = await startSandbox()
    expect(await distFilesLoaded({ endpoint: '/user' })).toEqual(['index.js'])
  })

  it('a gate loads the chunks of its stages when it runs them', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync')] })
    const loaded = await distFilesLoaded({ flows: 'Orders sync' })
    expect(loaded[0]).toBe('index.js')
    const chunks = loaded.slice(1).map(name => readFileSync(path.join(ROOT, 'dist', name), 'utf8'))
    // The bundler names the modules it joins into a chunk: gate code, and no publish or deploy code.
    expect(chunks.some(chunk => chunk.includes('CONCATENATED MODULE: ./src/gate/'))).toBe(true)
    for (const folder of ['publish', 'flows-as-code']) {
      expect(chunks.filter(chunk => chunk.includes(`CONCATENATED MODULE: ./src/${folder}/`))).toEqual([])
    }
  })
})
