/**
 * Thousands of malformed inputs thrown at the config parser: each either parses or fails with
 * an InputError naming a real input. Never another exception (a crash), and since the parser
 * does no I/O, never a request.
 */
import { readActionYml } from '../../scripts/local-runner.js'
import { parseConfig } from '../../src/config/index.js'
import { InputError } from '../../src/errors.js'
import { fuzzSeed, generator, randomValue } from '../helpers/fuzz.js'

const INPUT_NAMES = Object.keys(readActionYml().inputs)

describe('config parser under fuzzed input', () => {
  it('parses or names the bad input, for 3000 random input sets', () => {
    const random = generator(fuzzSeed(20261128))
    const outcomes = { parsed: 0, refused: 0 }
    for (let round = 0; round < 3_000; round++) {
      // A step that says what it does (a call); the fuzz may replace it with anything.
      const inputs: Record<string, string> = { tenant: 'acme', username: 'ops@acme.com', password: 'pw', endpoint: '/user' }
      for (const name of INPUT_NAMES) if (random() < 0.06) inputs[name] = randomValue(random)
      try {
        const config = parseConfig({ readInput: name => inputs[name] ?? '', workspace: '/work/space' })
        expect(Object.isFrozen(config)).toBe(true)
        outcomes.parsed++
      } catch (error) {
        if (!(error instanceof InputError)) {
          throw new Error(`round ${round}: ${String(error)} for inputs ${JSON.stringify(inputs).slice(0, 2_000)}`, { cause: error })
        }
        expect(INPUT_NAMES).toContain(error.input)
        expect(error.message.startsWith(`Input '${error.input}': `)).toBe(true)
        expect(error.message.length).toBeLessThan(1_000)
        outcomes.refused++
      }
    }
    // Both paths were exercised, so the test can fail either way.
    expect(outcomes.parsed).toBeGreaterThan(100)
    expect(outcomes.refused).toBeGreaterThan(100)
  })
})
