/** Each spelling of a secret, one at a time: registered, it is redacted wherever it appears. */
import { SecretRegistry } from '../../src/secrets.js'
import { MAX_RUNNER_SPELLINGS, runnerSpellings, spellings } from '../../src/secrets/spellings.js'

const redactor = (secret: string) => {
  const registry = new SecretRegistry(() => undefined)
  registry.add(secret)
  return (text: string) => registry.redact(text)
}

describe('spellings of a secret', () => {
  const password = ' p@ss w0rd!"\'$`/ü '
  const redact = redactor(password)
  const cases: Array<[string, string]> = [
    ['raw', password],
    ['trimmed', password.trim()],
    ['NFD (typed NFC, echoed decomposed)', password.normalize('NFD')],
    ['JSON.stringify', JSON.stringify(password.trim()).slice(1, -1)],
    ['JSON, ASCII-only, lower-case hex', 'p@ss w0rd!\\"\'$`/\\u00fc'],
    ['JSON, ASCII-only, upper-case hex', 'p@ss w0rd!\\"\'$`/\\u00FC'],
    ['JSON with \\/', 'p@ss w0rd!\\"\'$`\\/ü'],
    ['JSON, ASCII-only, with \\/', 'p@ss w0rd!\\"\'$`\\/\\u00fc'],
    ['encodeURIComponent', encodeURIComponent(password.trim())],
    ['URL path (WHATWG)', "p@ss%20w0rd!%22'$%60/%C3%BC"],
    ['URL query (WHATWG, special scheme)', 'p@ss%20w0rd!%22%27$`/%C3%BC'],
    ['URL userinfo (WHATWG)', "p%40ss%20w0rd!%22'$%60%2F%C3%BC"],
    ['form body', 'p%40ss+w0rd%21%22%27%24%60%2F%C3%BC'],
    ['base64, whole', Buffer.from(password.trim()).toString('base64').replace(/=+$/, '')]
  ]
  it.each(cases)('redacts its %s spelling', (_, form) => {
    expect(redact(`<${form}>`)).toBe('<***>')
  })

  it('redacts its base64 inside a larger base64 text, at each byte alignment', () => {
    for (const prefix of ['', 'a', 'ab']) {
      const encoded = Buffer.from(`${prefix}${password.trim()}, and more`).toString('base64')
      const shown = redact(encoded)
      expect(shown).toContain('***')
      expect(shown.length).toBeLessThan(encoded.length)
    }
  })

  it('redacts NFC when the secret was typed NFD, and the other way round', () => {
    const nfd = 'Zahlungseinga\u0308nge-2026'
    expect(redactor(nfd)('x Zahlungseingänge-2026 y')).toBe('x *** y')
    expect(redactor(nfd.normalize('NFC'))(`x ${nfd} y`)).toBe('x *** y')
  })

  it('redacts astral characters in their JSON surrogate escapes', () => {
    const secret = 'rocket-🚀-launch'
    expect(redactor(secret)('"rocket-\\ud83d\\ude80-launch"')).toBe('"***"')
    expect(redactor(secret)('"rocket-\\uD83D\\uDE80-launch"')).toBe('"***"')
  })

  it('redacts Go-style JSON, which escapes <, > and &', () => {
    expect(redactor('a<b>&c-secret')('"a\\u003cb\\u003e\\u0026c-secret"')).toBe('"***"')
  })

  it('leaves out encoded spellings too short to be told from chance text', () => {
    expect(spellings('abc')).toEqual(['abc'])
  })
})

describe('spellings registered with the runner', () => {
  it('are those the runner does not derive, a bounded number of them', () => {
    const secret = ' p@ss w0rd/u\u0308 '
    const forms = runnerSpellings(secret)
    expect(forms.length).toBeLessThanOrEqual(MAX_RUNNER_SPELLINGS)
    expect(forms).not.toContain(secret)
    expect(forms).not.toContain(secret.trim()) // the runner trims the lines of a value itself
    expect(forms).not.toContain(JSON.stringify(secret).slice(1, -1))
    expect(forms).toContain(secret.trim().normalize('NFC'))
    expect(forms).toContain('p@ss%20w0rd/%C3%BC')
  })

  it('registers the raw value first, then at most the bounded number of spellings per value', () => {
    const told: string[] = []
    const registry = new SecretRegistry(form => told.push(form))
    registry.add('Zahlungseinga\u0308nge 2026/ü?&')
    expect(told[0]).toBe('Zahlungseinga\u0308nge 2026/ü?&')
    expect(told.length).toBeLessThanOrEqual(1 + MAX_RUNNER_SPELLINGS)
    expect(new Set(told).size).toBe(told.length)
  })
})
