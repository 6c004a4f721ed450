/**
 * The secrets of one step (password, token, masked response values) and their redaction.
 *
 * Each secret is registered with the runner (`::add-mask::`) the moment it is known, and every
 * text the action writes passes through `redact` as well, so a secret stays hidden even where
 * the runner would not mask it: in a file output, in the job summary, or in an encoded form.
 */
export const REDACTED = '***'

/** Encoded forms shorter than this are not redacted: they would match by chance. */
const MIN_ENCODED_LENGTH = 6

export class SecretRegistry {
  private readonly forms = new Set<string>()
  private sorted: string[] = []

  constructor(private readonly registerWithRunner: (secret: string) => void) {}

  /**
   * Registers a secret, whole and (when it has several lines) line by line, as the runner
   * itself masks it. Values shorter than `minLength` are ignored (masking `a` garbles logs).
   */
  add(secret: string | undefined, minLength = 1): void {
    if (!secret || secret.trim().length < minLength) return
    const lines = secret.split(/\r?\n/).map(line => line.trim())
    const values = lines.length > 1 ? [secret, ...lines] : [secret]
    for (const value of values) {
      if (value.length < minLength || this.forms.has(value)) continue
      // The runner masks what it is told; tell it before the value can appear anywhere.
      this.registerWithRunner(value)
      for (const form of encodedForms(value)) this.forms.add(form)
    }
    this.sorted = [...this.forms].sort((a, b) => b.length - a.length)
  }

  get size(): number {
    return this.forms.size
  }

  /** The longest form of any secret: a text cut shorter than this cannot hold one whole. */
  get longest(): number {
    return this.sorted[0]?.length ?? 0
  }

  /**
   * Redaction of a text that arrives in pieces (a body on its way to a file): a secret split
   * across two pieces is still found, since the tail that could start one is held back.
   */
  streamRedactor(): { push(chunk: string): string; end(): string } {
    let carry = ''
    return {
      push: chunk => {
        const text = carry + chunk
        let cut = text.length - Math.max(0, this.longest - 1)
        if (cut <= 0) {
          carry = text
          return ''
        }
        // Never cut through a secret: move the cut to the start of any that spans it.
        for (let moved = true; moved && cut > 0;) {
          moved = false
          for (const form of this.sorted) {
            const at = text.lastIndexOf(form, cut - 1)
            if (at >= 0 && at < cut && at + form.length > cut) {
              cut = at
              moved = true
            }
          }
        }
        carry = text.slice(cut)
        return cut > 0 ? this.redact(text.slice(0, cut)) : ''
      },
      end: () => {
        const rest = this.redact(carry)
        carry = ''
        return rest
      }
    }
  }

  redact(text: string): string {
    if (this.sorted.length === 0 || text.length === 0) return text
    let result = text
    // Longest first, so a secret that contains another is replaced whole.
    for (const form of this.sorted) {
      if (result.includes(form)) result = result.split(form).join(REDACTED)
    }
    return result
  }
}

/** The secret as it might appear in a log: raw, JSON-escaped, URL-encoded, and base64 at each byte alignment. */
export function encodedForms(value: string): string[] {
  const forms = [value, JSON.stringify(value).slice(1, -1), ...urlEncoded(value), ...base64Forms(value)]
  return [...new Set(forms)].filter(form => form === value || form.length >= MIN_ENCODED_LENGTH)
}

/** A value with a lone surrogate has no URL encoding (and so cannot appear URL-encoded). */
function urlEncoded(value: string): string[] {
  try {
    return [encodeURIComponent(value)]
  } catch {
    return []
  }
}

/**
 * A secret inside a larger base64 text (a basic-auth header, a JSON blob encoded whole) starts at
 * one of three byte alignments. For each, the characters that depend on the secret's bytes only:
 * the leading ones mixed with preceding bytes and the trailing one mixed with following bytes
 * are left out.
 */
function base64Forms(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8')
  const forms: string[] = []
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes])
      .toString('base64')
      .replace(/=+$/, '')
    const skip = [0, 2, 3][shift]
    const end = (shift + bytes.length) % 3 === 0 ? encoded.length : encoded.length - 1
    if (end - skip > 0) forms.push(encoded.slice(skip, end))
  }
  // The whole value encoded on its own (its usual form), with its final character.
  forms.push(bytes.toString('base64').replace(/=+$/, ''))
  return forms
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
