/**
 * The two searches for secrets find the same spans: the automaton (many spellings, long texts)
 * and `indexOf` one spelling at a time (the few spellings of a usual step). Random patterns over
 * a small alphabet, so that they overlap, nest, repeat and touch; a fixed seed.
 */
import { Automaton, coveredSpans } from '../../src/secrets/automaton.js'
import { spansByIndexOf } from '../../src/secrets/spans.js'
import { SecretRegistry, searchesOneByOne } from '../../src/secrets.js'
import { generator } from '../helpers/fuzz.js'

const ALPHABET = ['a', 'b', 'c', 'é', 'e\u0301', '🚀', '*']

function randomText(random: () => number, min: number, max: number): string {
  let text = ''
  const length = min + Math.floor(random() * (max - min + 1))
  for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(random() * ALPHABET.length)]
  return text
}

describe('spansByIndexOf', () => {
  const random = generator(20_261_202)

  it('finds what the automaton finds, over 2,000 random cases', () => {
    for (let run = 0; run < 2_000; run++) {
      const patterns = Array.from({ length: 1 + Math.floor(random() * 8) }, () => randomText(random, 1, 5))
      const text = randomText(random, 0, 60)
      const expected = new Automaton(patterns).coveredSpans(text)
      expect([run, spansByIndexOf(patterns, text)]).toEqual([run, expected])
      // Two automata stepped together (the registry's large and small) agree as well.
      const half = Math.ceil(patterns.length / 2)
      const split = [new Automaton(patterns.slice(0, half)), new Automaton(patterns.slice(half))]
      expect([run, coveredSpans(split, text)]).toEqual([run, expected])
    }
  })

  it('finds overlapping occurrences of one pattern as one stretch, and keeps touching ones apart', () => {
    expect(spansByIndexOf(['aa'], 'aaa')).toEqual([0, 3])
    expect(spansByIndexOf(['ab'], 'abab')).toEqual([0, 2, 2, 4])
    expect(spansByIndexOf(['abc', 'b'], 'xabcx')).toEqual([1, 4])
    expect(spansByIndexOf([''], 'abc')).toEqual([])
  })
})

describe('SecretRegistry, either search', () => {
  it('redacts the same text the same way with a few spellings and with many', () => {
    const text = 'token tok3n-0123456789 in {"p":"pa\\"ss"} and cGFzc3dvcmQtMTIz and pa%22ss'
    const few = new SecretRegistry(() => undefined)
    few.add('tok3n-0123456789')
    few.add('pa"ss')
    few.add('password-123')
    const many = new SecretRegistry(() => undefined)
    many.add('tok3n-0123456789')
    many.add('pa"ss')
    many.add('password-123')
    // Enough other values that the registry searches with its automaton.
    for (let i = 0; i < 100; i++) many.add(`unrelated-value-${i}`)
    expect(many.size).toBeGreaterThan(64)
    expect(few.redact(text)).toBe(many.redact(text))
    expect(few.redact(text)).toBe('token *** in {"p":"***"} and *** and ***')
  })

  it('searches with indexOf only within a bound on its work, so a repetitive secret cannot make it slow', () => {
    // A password's and a token's ~20 spellings (~600 characters in all) in a log line, a summary.
    expect(searchesOneByOne(20, 600, 200)).toBe(true)
    expect(searchesOneByOne(20, 600, 4_000)).toBe(true)
    // `aaa…` (4,000) in 64 KiB of `aaa…` would compare it at every place: the automaton instead.
    expect(searchesOneByOne(8, 4_000 * 8, 64 * 1024)).toBe(false)
    expect(searchesOneByOne(65, 650, 10)).toBe(false)
  })

  it('streams the same redaction whichever search each piece takes', () => {
    const random = generator(20_261_203)
    const secrets = new SecretRegistry(() => undefined)
    const password = 'sandbox-Pa55word!'
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJpZCI6ImRlbW8ifQ.c2lnbmF0dXJl'
    secrets.add(password)
    secrets.add(token)
    const spelled = [password, token, encodeURIComponent(password), Buffer.from(token).toString('base64')]
    let text = ''
    while (text.length < 200_000)
      text += random() < 0.02 ? spelled[Math.floor(random() * spelled.length)] : 'x'.repeat(1 + Math.floor(random() * 50))
    // Pieces of 1 character to 20,000: the short ones searched with indexOf, the long ones with the automaton.
    const stream = secrets.streamRedactor()
    let streamed = ''
    for (let at = 0; at < text.length;) {
      const size = random() < 0.5 ? 1 + Math.floor(random() * 40) : 1 + Math.floor(random() * 20_000)
      streamed += stream.push(text.slice(at, at + size))
      at += size
    }
    streamed += stream.end()
    expect(streamed).toBe(secrets.redact(text))
    expect(streamed).not.toContain(password)
    expect(streamed).not.toContain(token)
  })

  it('never cuts a piece inside a secret that ends in the first half of a surrogate pair', () => {
    const secrets = new SecretRegistry(() => undefined)
    secrets.add('abcdefgh\uD83D')
    for (let tail = 0; tail < 20; tail++) {
      const stream = secrets.streamRedactor()
      const text = `xxxxxabcdefgh😀${'y'.repeat(tail)}`
      const streamed = stream.push(text) + stream.end()
      expect([tail, streamed]).toEqual([tail, secrets.redact(text)])
      expect(streamed).not.toContain('abcdefgh')
    }
  })
})
