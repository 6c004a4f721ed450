/**
 * The whole step under fuzzed inputs: run() in-process, on a fake runner protocol and a virtual
 * clock, against the sandbox. Whatever the inputs: no stack trace, `result` always set, no line
 * over 2,000 characters, and bad input fails before any request, naming the input.
 * CI runs a fixed seed; `FUZZ_SEED=<n> FUZZ_CASES=<n> npm test -- fuzz-step` explores others.
 *
 * `tenant` and `base-url` are not fuzzed here (a random host would be looked up on the network;
 * the config fuzz covers them without I/O), nor `response-file` (a random path would be written).
 */
import { mkdirSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, demoFlows } from '../../sandbox/seed.js'
import { INPUT_NAMES, parseConfig } from '../../src/config/index.js'
import { InputError } from '../../src/errors.js'
import { run } from '../../src/main.js'
import { neutralise } from '../../src/runner.js'
import { virtualClock } from '../helpers/clock.js'
import { fuzzSeed, generator, randomValue } from '../helpers/fuzz.js'

const SEED = fuzzSeed(20261130)
const CASES = Number(process.env.FUZZ_CASES) || 500
const NOT_FUZZED = new Set(['tenant', 'base-url', 'response-file'])
const STACK = /\n\s+at .+:\d+:\d+/

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startSandbox({ flows: demoFlows() })
})
afterAll(() => sandbox.close())

describe(`the step under fuzzed inputs (seed ${SEED}, ${CASES} cases)`, () => {
  it('never crashes, always sets result, keeps lines short, and checks input before any request', async () => {
    const random = generator(SEED)
    // A deep workspace: relative paths with '..' stay inside the test's own folder.
    const workspace = path.join(mkdtempSync(path.join(os.tmpdir(), 'fuzz-step-')), 'a/b/c/d/e/f/g/h')
    mkdirSync(workspace, { recursive: true })
    const tally = { configErrors: 0, ran: 0 }
    for (let round = 0; round < CASES; round++) {
      // A step that says what it does (a call); the fuzz may replace it with anything.
      const inputs: Record<string, string> = {
        'base-url': sandbox.url,
        username: DEMO_USER.username,
        password: DEMO_USER.password,
        endpoint: '/user'
      }
      // Fewer inputs a case as the action gains inputs, so some cases still run past the config.
      for (const name of INPUT_NAMES) if (!NOT_FUZZED.has(name) && random() < 0.05) inputs[name] = randomValue(random).slice(0, 20_000)
      const replay = `round ${round} of seed ${SEED}: ${JSON.stringify(inputs).slice(0, 1_000)}`
      // The runner first: it replaces the redaction that errors quote with, so this round's error
      // is never masked with the secrets of the round before.
      const { runner, recorded } = fakeRunner(inputs, true)
      let configError: InputError | undefined
      try {
        parseConfig({ readInput: name => inputs[name] ?? '', workspace })
      } catch (error) {
        configError = error as InputError
      }
      const before = sandbox.requests.length
      await run(runner, virtualClock().clock, { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: workspace })

      const written = [...recorded.lines, ...recorded.annotations.map(annotation => annotation.message), recorded.failed ?? '']
      expect([replay, recorded.outputs.result]).toEqual([replay, expect.stringMatching(/^(pass|fail|timeout|unavailable)$/)])
      expect([replay, written.filter(text => STACK.test(text))]).toEqual([replay, []])
      expect([replay, written.filter(text => text.length > 2_000).length]).toEqual([replay, 0])
      if (configError) {
        tally.configErrors++
        // The same error, as redacted for the step's secrets (a short password masks text too).
        expect([replay, recorded.failed]).toEqual([replay, neutralise(runner.redact(configError.message))])
        expect([replay, INPUT_NAMES]).toEqual([replay, expect.arrayContaining([configError.input])])
        expect([replay, sandbox.requests.length - before]).toEqual([replay, 0])
      } else {
        tally.ran++
      }
    }
    // Both paths were exercised, so the test can fail either way.
    expect(tally.configErrors).toBeGreaterThan(CASES / 10)
    expect(tally.ran).toBeGreaterThan(CASES / 10)
  }, 120_000)
})
