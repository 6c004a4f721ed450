import { SecretRegistry, proxyPasswords } from '../../src/secrets.js'

describe('SecretRegistry', () => {
  it('registers each secret with the runner once and redacts it in every common encoding', () => {
    const registered: string[] = []
    const secrets = new SecretRegistry(value => registered.push(value))
    const password = 'p@ss "word"/ü'
    secrets.add(password)
    secrets.add(password)
    expect(registered[0]).toBe(password)
    expect(new Set(registered).size).toBe(registered.length)
    const forms = [
      password,
      JSON.stringify(password).slice(1, -1),
      encodeURIComponent(password),
      Buffer.from(password).toString('base64').replace(/=+$/, '')
    ]
    for (const form of forms) expect(secrets.redact(`before ${form} after`)).toBe('before *** after')
  })

  it('masks a multi-line secret whole and line by line, and skips values shorter than asked', () => {
    const registered: string[] = []
    const secrets = new SecretRegistry(value => registered.push(value))
    secrets.add('first-line\nsecond-line\n\nab', 3)
    expect(registered.slice(0, 3)).toEqual(['first-line\nsecond-line\n\nab', 'first-line', 'second-line'])
    expect(registered).not.toContain('ab')
    expect(secrets.redact('x first-line y second-line ab')).toBe('x *** y *** ab')
  })

  it('replaces a longer secret whole when it contains a shorter one', () => {
    const secrets = new SecretRegistry(() => undefined)
    secrets.add('abc')
    secrets.add('abcdef')
    expect(secrets.redact('abcdef')).toBe('***')
  })

  it('leaves text alone when there is nothing to redact', () => {
    const secrets = new SecretRegistry(() => undefined)
    secrets.add('')
    secrets.add(undefined)
    expect(secrets.size).toBe(0)
    expect(secrets.redact('plain')).toBe('plain')
  })
})

describe('proxyPasswords', () => {
  it('finds the decoded password of each proxy URL, and nothing else', () => {
    expect(
      proxyPasswords({
        HTTPS_PROXY: 'http://ci:p%40ss@proxy.corp.example:3128',
        http_proxy: 'http://proxy.corp.example:3128',
        NO_PROXY: 'http://x:y@ignored',
        HTTP_PROXY: 'not a url'
      })
    ).toEqual(['p@ss'])
  })
})

describe('SecretRegistry: encoded and streamed forms', () => {
  it('finds the base64 of a secret inside a larger base64 text, at every byte alignment', () => {
    const secrets = new SecretRegistry(() => undefined)
    secrets.add('hunter2-is-my-password')
    for (const prefix of ['', 'a', 'ab', 'abc']) {
      const encoded = Buffer.from(`${prefix}hunter2-is-my-password and more`).toString('base64')
      expect(secrets.redact(encoded)).toContain('***')
    }
  })

  it('redacts a secret split across the pieces of a streamed text', () => {
    const secrets = new SecretRegistry(() => undefined)
    secrets.add('s3cret-token-value')
    const text = `{"a":"${'x'.repeat(50)}s3cret-token-value${'y'.repeat(10)}","b":"s3cret-token-value"}`
    for (const size of [1, 3, 7, 16, 64]) {
      const stream = secrets.streamRedactor()
      let out = ''
      for (let at = 0; at < text.length; at += size) out += stream.push(text.slice(at, at + size))
      out += stream.end()
      expect(out).toBe(secrets.redact(text))
      expect(out).not.toContain('s3cret')
    }
  })
})
