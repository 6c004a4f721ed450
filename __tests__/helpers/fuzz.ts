/**
 * Random workflow inputs for fuzz tests: a seeded generator (so a failure can be replayed with
 * its seed) and values built from pieces that break parsers: control and bidi characters,
 * separators, huge and odd numbers, URLs, JSON, JMESPath, paths.
 */

/** mulberry32: a small seeded generator. */
export function generator(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The seed of a fuzz run: FUZZ_SEED when given (to replay or explore), else the fixed one CI uses. */
export function fuzzSeed(fixed: number): number {
  const given = Number(process.env.FUZZ_SEED)
  return Number.isInteger(given) && given > 0 ? given : fixed
}

export const PIECES = [
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

export function randomValue(random: () => number): string {
  const roll = random()
  if (roll < 0.05) return 'x'.repeat(Math.floor(random() * 300_000))
  if (roll < 0.15)
    return Array.from({ length: Math.floor(random() * 40) }, () => String.fromCharCode(Math.floor(random() * 0xffff))).join('')
  return Array.from({ length: 1 + Math.floor(random() * 6) }, () => PIECES[Math.floor(random() * PIECES.length)]).join('')
}
