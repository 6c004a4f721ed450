/**
 * The secrets of one step (password, token, masked response values) and their redaction.
 *
 * Each secret is registered with the runner (`::add-mask::`) the moment it is known, and every
 * line the action writes passes through `redact` as well, so a secret stays hidden even where
 * the runner would not mask it: in a file output, in the job summary, or in an encoded form.
 */
export const REDACTED = '***'

export class SecretRegistry {
  private readonly forms = new Set<string>()

  constructor(private readonly registerWithRunner: (secret: string) => void) {}

  /** Registers a secret; values shorter than `minLength` are ignored (masking `a` garbles logs). */
  add(secret: string | undefined, minLength = 1): void {
    if (!secret || secret.length < minLength) return
    for (const line of secret.split(/\r?\n/)) {
      const value = line.trim()
      if (value.length < minLength || this.forms.has(value)) continue
      // The runner masks what it is told; tell it before the value can appear anywhere.
      this.registerWithRunner(value)
      for (const form of encodedForms(value)) this.forms.add(form)
    }
  }

  get size(): number {
    return this.forms.size
  }

  redact(text: string): string {
    if (this.forms.size === 0 || text.length === 0) return text
    let result = text
    // Longest first, so a secret that contains another is replaced whole.
    for (const form of [...this.forms].sort((a, b) => b.length - a.length)) {
      if (result.includes(form)) result = result.split(form).join(REDACTED)
    }
    return result
  }
}

/** The secret as it might appear in a log: raw, JSON-escaped, URL-encoded, base64. */
function encodedForms(value: string): string[] {
  const forms = [
    value,
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    Buffer.from(value).toString('base64').replace(/=+$/, '')
  ]
  return forms.filter(form => form.length > 0)
}

/** Passwords in proxy URLs (`https://user:pass@proxy:3128`): secrets of the runner's, masked too. */
export function proxyPasswords(env: NodeJS.ProcessEnv): string[] {
  const passwords: string[] = []
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) {
    const value = env[name]
    if (!value || !URL.canParse(value)) continue
    const { password } = new URL(value)
    if (password) passwords.push(decodeURIComponent(password))
  }
  return passwords
}
