/**
 * The two searches for secrets find the same spans: the automaton (many spellings, long texts)
 * and `indexOf` one spelling at a time (the few spellings of a usual step). Random patterns over
 * a small alphabet, so that they overlap, nest, repeat and touch; a fixed seed.
 */
import { Automaton, coveredSpans } from '../../src/secrets/automaton.js'
import { spansByIndexOf } from '../../src/secrets/spans.js'
import { SecretRegistry } from '../../src/secrets.js'
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

  it('searches a long text with the automaton and finds the same', () => {
    const secrets = new SecretRegistry(() => undefined)
    secrets.add('sandbox-Pa55word!')
    const long = `${'x'.repeat(70_000)}sandbox-Pa55word!${'y'.repeat(10)}`
    expect(secrets.redact(long)).toBe(`${'x'.repeat(70_000)}***${'y'.repeat(10)}`)
  })
})
