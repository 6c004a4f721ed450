/**
 * The redaction promise as a property: random secrets (blanks around them, Unicode that differs
 * in NFC and NFD, Markdown and JSON metacharacters, several lines, astral characters), each
 * spelling of each (derived by the test's own oracle, __tests__/helpers/leaks.ts), through each
 * exit of the runner facade — nothing leaks. The seed is fixed; SECRETS_SEED explores others.
 */
import { fakeRunner } from '../../__fixtures__/runner.js'
import { errorMessage, excerpt, quote } from '../../src/errors.js'
import { code, escapeCell } from '../../src/summary.js'
import { generator } from '../helpers/fuzz.js'
import { encodedForms, leaksIn, renderedMarkdown } from '../helpers/leaks.js'

const given = Number(process.env.SECRETS_SEED)
const SEED = Number.isInteger(given) && given > 0 ? given : 20_260_118
const SECRETS = 40

const PIECES = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'"\\/<>&%!*_`[|',
  ' ',
  "'",
  '$',
  '@',
  '=',
  '+',
  '?',
  '#',
  'é',
  'e\u0301',
  'ü',
  'u\u0308',
  'Å',
  '漢',
  '🚀',
  '𝔘',
  '\u00a0'
]

function randomSecret(random: () => number): string {
  const word = (min: number): string => {
    let text = ''
    const length = min + Math.floor(random() * 14)
    for (let i = 0; i < length; i++) text += PIECES[Math.floor(random() * PIECES.length)]
    // Never blank at its ends (blanks around are added below), never a word of the exits' own text.
    return `k${text}9`
  }
  let secret = word(6)
  if (random() < 0.25) secret += `\n${word(6)}`
  if (random() < 0.3) secret = ` ${secret}  `
  return secret
}

/** A secret's text spellings, and its base64 inside a larger base64 text at each alignment. */
function spelledIn(secret: string): string[] {
  const base64 = ['', 'a', 'ab'].map(prefix => Buffer.from(`${prefix}${secret.trim()}, then more`).toString('base64'))
  return [...encodedForms(secret), ...base64]
}

/** What `visible` makes of control characters, so a leak made visible is still a leak. */
const visibleForms = (secret: string): string[] =>
  encodedForms(secret)
    // eslint-disable-next-line no-control-regex -- control characters are what visible() shows
    .map(form => form.replace(/[\u0000-\u001f]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`))
    .filter(form => form.length >= 6)

describe('redaction, as a property', () => {
  const random = generator(SEED)
  const secrets = Array.from({ length: SECRETS }, () => randomSecret(random))

  it.each(secrets.map((secret, index) => [index, secret]))(
    `secret %i (seed ${SEED}) leaks through no exit, in no spelling`,
    (_, secret) => {
      const { runner, recorded } = fakeRunner({}, true)
      runner.secret(secret)
      const chunks: string[] = []
      for (const form of spelledIn(secret)) {
        const text = `before ${form} after`
        runner.info(text)
        runner.debug(text)
        runner.warning(text, { title: text })
        runner.error(text, { title: text })
        runner.output('response', text)
        runner.fail(text)
        void runner.appendSummary(`| ${escapeCell(text)} | ${code(text)} |`)
        // The quoting functions, cut right through the secret: redacted before the cut.
        for (const max of [8, 10, 13]) runner.info(`${quote(`before ${form}`, max)} ${excerpt(`before ${form}`, max)}`)
        runner.info(errorMessage(new Error(`ENOTFOUND ${form}`)))
        // The stream redactor, over random chunking: the same as the text redacted whole.
        const stream = runner.streamRedactor()
        let streamed = ''
        for (let at = 0; at < text.length;) {
          const size = 1 + Math.floor(random() * 12)
          streamed += stream.push(text.slice(at, at + size))
          at += size
        }
        streamed += stream.end()
        expect(streamed).toBe(runner.redact(text))
        chunks.push(streamed)
      }
      const places: Array<[string, string]> = [
        ['log', recorded.lines.join('\n')],
        ['annotations', JSON.stringify(recorded.annotations.map(({ message, properties }) => [message, properties]))],
        ['annotation messages', recorded.annotations.map(({ message }) => message).join('\n')],
        ['annotation titles', recorded.annotations.map(({ properties }) => (properties as { title?: string }).title).join('\n')],
        ['outputs', Object.values(recorded.outputs).join('\n')],
        ['failure', recorded.failed ?? ''],
        ['summary', recorded.summary.join('\n')],
        ['summary as rendered', renderedMarkdown(recorded.summary.join('\n'))],
        ['stream', chunks.join('\n')]
      ]
      const leaks = places.flatMap(([place, text]) => leaksIn(place, text, [secret]))
      for (const [place, text] of places) {
        for (const form of visibleForms(secret)) if (text.includes(form)) leaks.push(`${place} holds a spelling made visible`)
        // Half of the secret, left by a cut made before redaction.
        const half = secret.trim().slice(0, Math.ceil(secret.trim().length / 2))
        if (half.length >= 6 && text.includes(half)) leaks.push(`${place} holds half of the secret`)
      }
      expect(leaks).toEqual([])
    }
  )
})
