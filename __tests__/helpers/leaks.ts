/**
 * The check every end-to-end scenario ends with: no secret, in any spelling a log might carry
 * it, appears in stdout, stderr, the outputs, the job summary (read as it renders, Markdown
 * escapes undone) or the files the step wrote, except in its own `::add-mask::` line (and the
 * opt-in `token` output).
 *
 * The spellings are derived here on their own, independently of src/secrets/spellings.ts, so
 * that a spelling the action forgets is a leak found, not a leak shared.
 */
import { readFileSync } from 'node:fs'
import type { StepRun } from '../../scripts/local-runner.js'

/** Text spellings shorter than this are not checked (the action does not redact them either). */
const MIN_CHECKED = 6

/** The secret as a reader would call it the same: raw, trimmed, NFC and NFD. */
export function plainForms(secret: string): string[] {
  const forms = new Set<string>()
  for (const text of [secret, secret.trim()]) {
    if (text) for (const form of [text, text.normalize('NFC'), text.normalize('NFD')]) forms.add(form)
  }
  return [...forms]
}

function hex4(code: number): string {
  return code.toString(16).padStart(4, '0')
}

/** As JSON encoders write it: JSON.stringify's, ASCII-only `\u00fc` / `\u00FC`, Go's `\u003c`, and with `\/`. */
export function jsonForms(text: string): string[] {
  const plain = JSON.stringify(text).slice(1, -1)
  let lower = ''
  let upper = ''
  for (const char of plain) {
    for (let i = 0; i < char.length; i++) {
      const code = char.charCodeAt(i)
      lower += code > 0x7e ? `\\u${hex4(code)}` : char[i]
      upper += code > 0x7e ? `\\u${hex4(code).toUpperCase()}` : char[i]
    }
  }
  const go = plain.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
  const forms = [plain, lower, upper, go]
  return [...new Set([...forms, ...forms.map(form => form.split('/').join('\\/'))])]
}

/** As URLs carry it, read back from URLs the WHATWG parser built. */
export function urlForms(text: string): string[] {
  let component: string
  try {
    component = encodeURIComponent(text)
  } catch {
    return []
  }
  const inPath = new URL('https://example.com')
  inPath.pathname = text
  const inQuery = new URL('https://example.com')
  inQuery.search = text
  const inUserinfo = new URL('https://example.com')
  inUserinfo.password = text
  const form = new URLSearchParams([['k', text]]).toString().slice('k='.length)
  return [component, inPath.pathname.replace(/^\//, ''), inQuery.search.replace(/^\?/, ''), inUserinfo.password, form]
}

/** Every text spelling of a secret (base64 is checked by decoding, see base64Leak). */
export function encodedForms(secret: string): string[] {
  const lines = secret.split(/\r\n|\r|\n/).map(line => line.trim())
  const values = lines.length > 1 ? [secret, ...lines.filter(Boolean)] : [secret]
  const forms = new Set<string>()
  for (const value of values) {
    for (const plain of plainForms(value)) {
      forms.add(plain)
      for (const form of [...jsonForms(plain), ...urlForms(plain)]) if (form.length >= MIN_CHECKED) forms.add(form)
    }
  }
  return [...forms]
}

/**
 * Whether base64 in `text` decodes, at any alignment, to bytes holding the secret (less the two
 * bytes at each end, which mix with what surrounds it). Only for secrets of 8 bytes or more.
 */
export function base64Leak(text: string, secret: string): boolean {
  const wanted = Buffer.from(secret.trim(), 'utf8')
  if (wanted.length < 8) return false
  const core = wanted.subarray(2, wanted.length - 2)
  for (const [run] of text.matchAll(/[A-Za-z0-9+/]{8,}/g)) {
    for (let offset = 0; offset < 4; offset++) {
      const piece = run.slice(offset)
      if (Buffer.from(piece.slice(0, piece.length - (piece.length % 4)), 'base64').includes(core)) return true
    }
  }
  return false
}

/** The summary as GitHub renders its text: Markdown escapes and entities undone, word joiners gone. */
export function renderedMarkdown(markdown: string): string {
  return markdown
    .replace(/\\([\\`*_[\]|!<>#+\-.(){}~])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u2060/g, '')
}

/** Each place a form of a secret was found in `text`. */
export function leaksIn(place: string, text: string, secrets: readonly string[]): string[] {
  const leaks: string[] = []
  for (const secret of secrets.filter(Boolean)) {
    for (const form of encodedForms(secret)) {
      if (text.includes(form)) leaks.push(`${place} contains a form of a secret (${JSON.stringify(form.slice(0, 4))}…)`)
    }
    if (base64Leak(text, secret)) leaks.push(`${place} contains a secret in base64`)
  }
  return leaks
}

export function findLeaks(step: StepRun, secrets: string[], options: { tokenOutputAllowed?: boolean; files?: string[] } = {}): string[] {
  const places: Array<[string, string]> = [
    [
      'stdout',
      step.stdout
        .split('\n')
        .filter(line => !line.startsWith('::add-mask::'))
        .join('\n')
    ],
    // What the workflow's author sees: the log after the runner parsed and masked it.
    ['runner log', step.log.join('\n')],
    ['stderr', step.stderr],
    ['summary', step.summary],
    ['summary as rendered', renderedMarkdown(step.summary)],
    ...Object.entries(step.outputs)
      .filter(([name]) => !(name === 'token' && options.tokenOutputAllowed))
      .map(([name, value]): [string, string] => [`output ${name}`, value])
  ]
  // The files the step wrote and named in an output (response-file, value-file, flows-file).
  const files = new Set(options.files ?? [])
  for (const [name, value] of Object.entries(step.outputs)) if (name.endsWith('-file') && value) files.add(value)
  for (const file of files) {
    let text: string
    try {
      text = readFileSync(file, 'utf8')
    } catch {
      continue
    }
    places.push([`file ${file}`, text])
  }
  return places.flatMap(([place, text]) => leaksIn(place, text, secrets))
}

/** Each secret that was used must be registered before the first line that is not a mask. */
export function masksFirst(step: StepRun, secrets: string[]): boolean {
  const lines = step.stdout.split('\n')
  const firstOther = lines.findIndex(line => line.trim() && !line.startsWith('::add-mask::'))
  return secrets.every(secret => {
    const at = lines.indexOf(`::add-mask::${secret}`)
    return at >= 0 && (firstOther < 0 || at < firstOther)
  })
}
