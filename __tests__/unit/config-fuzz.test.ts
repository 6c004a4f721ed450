/**
 * Thousands of malformed inputs thrown at the config parser: each either parses or fails with
 * an InputError naming a real input. Never another exception (a crash), and since the parser
 * does no I/O, never a request.
 */
import { readActionYml } from '../../scripts/local-runner.js'
import { parseConfig } from '../../src/config.js'
import { InputError } from '../../src/errors.js'

const INPUT_NAMES = Object.keys(readActionYml().inputs)

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function generator(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PIECES = [
  '',
  ' ',
  '\t',
  '\r\n',
  '\n',
  '\r',
  '\u0000',
  '\u001b[31m',
  '\u007f',
  '\u2028',
  '\u202e',
  '🚀',
  'é',
  'ß',
  '漢字',
  'a\u0301',
  ':',
  '=',
  '//',
  '\\',
  '#',
  '?',
  '%00',
  '%0d%0a',
  '..',
  '/',
  '@',
  '*',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '`',
  '|',
  ',',
  'true',
  'false',
  'TRUE',
  'yes',
  '0',
  '-1',
  '1e309',
  '9007199254740993',
  'NaN',
  '5m',
  '1h30m',
  '0.5',
  '250ms',
  '99999h',
  'https://',
  'http://127.0.0.1:1',
  'https://evil.example.com',
  'javascript:alert(1)',
  'file:///etc/passwd',
  'Authorization: Bearer x',
  'X-Ok: 1',
  'flowId=a',
  '{"a":1}',
  '[1,2',
  'null',
  '/flows',
  '/user/auth',
  'stage',
  'running',
  'start',
  'stop',
  'warn',
  'GET',
  'post',
  'Orders sync',
  'length(@)',
  '[?stage==`running`]',
  'foo(',
  'acme',
  'api.acme'
]

function randomValue(random: () => number): string {
  const roll = random()
  if (roll < 0.05) return 'x'.repeat(Math.floor(random() * 300_000))
  if (roll < 0.15)
    return Array.from({ length: Math.floor(random() * 40) }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join('')
  return Array.from({ length: 1 + Math.floor(random() * 6) }, () => PIECES[Math.floor(random() * PIECES.length)]).join('')
}

describe('config parser under fuzzed input', () => {
  it('parses or names the bad input, for 3000 random input sets', () => {
    const random = generator(20261128)
    const outcomes = { parsed: 0, refused: 0 }
    for (let round = 0; round < 3_000; round++) {
      const inputs: Record<string, string> = { tenant: 'acme', username: 'ops@acme.com', password: 'pw' }
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
