/**
 * The spellings of a secret: how one value can look once a server, a proxy, a URL parser or a
 * JSON encoder has handled it. Each is derived by the encoder that produces it (the URL forms
 * by the WHATWG parser itself, through `URL`), never by a hand-written table.
 */

/** Encoded spellings shorter than this are not redacted: they would match by chance. */
export const MIN_ENCODED_LENGTH = 6

/** The value itself and the forms a reader would still call the same text: trimmed, NFC, NFD. */
export function plainSpellings(value: string): string[] {
  const spellings = new Set<string>()
  for (const text of [value, value.trim()]) {
    if (!text) continue
    spellings.add(text)
    // ASCII has one normal form: skip the work for the common case.
    // eslint-disable-next-line no-control-regex -- ASCII, control characters included
    if (/[^\u0000-\u007f]/.test(text)) {
      spellings.add(text.normalize('NFC'))
      spellings.add(text.normalize('NFD'))
    }
  }
  return [...spellings]
}

/**
 * Every spelling of a value: its plain ones, then each of those URL-encoded, JSON-escaped and in
 * base64 (in the order a log is likeliest to carry them: a Location, a query, a body, a header).
 */
export function spellings(value: string): string[] {
  const plain = plainSpellings(value).sort((a, b) => a.length - b.length)
  const all = new Set<string>(plain)
  for (const encode of [urlSpellings, jsonSpellings, base64Spellings]) {
    for (const text of plain) for (const form of encode(text)) if (form.length >= MIN_ENCODED_LENGTH) all.add(form)
  }
  return [...all]
}

/**
 * As JSON encoders write it inside a string: `JSON.stringify`'s form; ASCII-only, with every
 * other code unit as `\uXXXX` in lower- or upper-case hex (Python, Java, .NET); Go's, with
 * `<`, `>` and `&` escaped; and each of
 * these with `/` written `\/` (PHP).
 */
export function jsonSpellings(text: string): string[] {
  if (!/[^\x20-\x7e]|["\\/<>&]/.test(text)) return [text]
  const json = JSON.stringify(text).slice(1, -1)
  const lower = json.replace(/[^\x20-\x7e]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
  // Upper-case hex in the escapes only: the rest of the text keeps its case.
  const upper = lower.replace(/\\u([0-9a-f]{4})/g, (escape, hex: string, at: number) =>
    backslashesBefore(lower, at) % 2 === 0 ? `\\u${hex.toUpperCase()}` : escape
  )
  // Go's encoder: UTF-8 kept, but `<`, `>`, `&`, U+2028 and U+2029 escaped.
  const go = json.replace(/[<>&\u2028\u2029]/g, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
  const forms = new Set([json, lower, upper, go])
  for (const form of [...forms]) forms.add(form.replace(/\//g, '\\/'))
  return [...forms]
}

function backslashesBefore(text: string, at: number): number {
  let count = 0
  while (at - count - 1 >= 0 && text[at - count - 1] === '\\') count++
  return count
}

/** One URL the parser encodes into, reused: building a URL costs more than setting its parts. */
const URL_SCRATCH = new URL('http://host.invalid/')

/**
 * As URLs carry it: `encodeURIComponent`'s form, a form body's (`URLSearchParams`, space as
 * `+`), and the WHATWG URL parser's path, query and userinfo percent-encodings, read back from a
 * URL the parser built. A value with a lone surrogate has no URL encoding.
 */
export function urlSpellings(text: string): string[] {
  // Letters, digits and `-._~` are left as they are by every URL encoding.
  if (/^[\w.~-]*$/.test(text)) return [text]
  const forms: string[] = []
  try {
    forms.push(encodeURIComponent(text))
  } catch {
    return forms
  }
  forms.push(new URLSearchParams({ v: text }).toString().slice(2))
  const url = URL_SCRATCH
  url.pathname = `/${text}`
  forms.push(url.pathname.slice(1))
  url.search = `?${text}`
  forms.push(url.search.slice(1))
  url.username = text
  forms.push(url.username)
  return forms
}

/**
 * A secret inside a larger base64 text (a basic-auth header, a JSON blob encoded whole) starts at
 * one of three byte alignments. For each, the characters that depend on the secret's bytes only:
 * the leading ones mixed with preceding bytes and the trailing one mixed with following bytes
 * are left out. And the whole value encoded on its own (its usual form), unpadded.
 */
export function base64Spellings(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8')
  const forms: string[] = []
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes])
      .toString('base64')
      .replace(/=+$/, '')
    const skip = [0, 2, 3][shift]
    const end = (shift + bytes.length) % 3 === 0 ? encoded.length : encoded.length - 1
    if (end - skip > 0) forms.push(encoded.slice(skip, end))
  }
  forms.push(bytes.toString('base64').replace(/=+$/, ''))
  return forms
}

/** How many spellings of one secret are registered with the runner, beyond the value itself. */
export const MAX_RUNNER_SPELLINGS = 6

/**
 * The spellings to register with the runner (`::add-mask::`) besides the value: those it does
 * not derive itself. actions/runner's masker adds, for each value, its lines (trimmed), its
 * base64 (whole, and with one and two leading bytes dropped, padded), `JSON.stringify`-like and
 * `Uri.EscapeDataString` escapes, XML escapes and `\"`; it knows no NFC/NFD, no `\uXXXX` or
 * `\/`, no WHATWG URL encodings and no base64 of a value in the middle of a larger text. At most
 * MAX_RUNNER_SPELLINGS, so that 10,000 masked values cannot flood the log with masks.
 */
export function runnerSpellings(value: string, all = spellings(value)): string[] {
  const derived = new Set<string>([value, ...value.split(/[\r\n]+/).map(line => line.trim()), JSON.stringify(value).slice(1, -1)])
  return all.filter(form => form.length >= MIN_ENCODED_LENGTH && !derived.has(form)).slice(0, MAX_RUNNER_SPELLINGS)
}
