/**
 * Markdown for the job summary: text from Appmixer and the user made inert (no links, images,
 * HTML or formatting a flow's author could slip in), times as a person reads them, short ids.
 */
import { isoTime } from './clock.js'
import { visible } from './errors.js'
import { activeRedaction } from './secrets.js'

/**
 * `2026-11-01 09:00 UTC (29 days ago)`: a time as a person reads it in a table, relative to when
 * the step ended; text that is not a time is shown as it is.
 */
export function readableTime(text: string | undefined, now?: number): string {
  if (!text) return ''
  const time = Date.parse(text)
  if (Number.isNaN(time)) return text
  const iso = isoTime(time)
  const absolute = `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
  return now === undefined ? absolute : `${absolute} (${ago(now - time)})`
}

function ago(ms: number): string {
  if (ms < 0) return 'in the future'
  const minutes = Math.floor(ms / 60_000)
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`
  const days = Math.floor(hours / 24)
  return `${days} days ago`
}

export function hostOf(url: URL): string {
  return url.origin + (url.pathname === '/' ? '' : url.pathname)
}

/**
 * Text from Appmixer (flow names, messages) as inert Markdown in a table cell: no links,
 * images, HTML or formatting a flow's author could slip into the summary. Redacted first, on
 * the raw text: once escaped (`p\!ss`), a secret would no longer match any of its spellings.
 */
export function escapeCell(text: string): string {
  return breakLinks(visible(activeRedaction.redact(text).replace(/\r\n|\r|\n/g, ' '), 1_000))
    .replace(/[\\`*_[\]|!]/g, char => `\\${char}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n|\r|\n/g, ' ')
}

/**
 * Bare URLs (`https://…`, `www.…`) that GitHub would make links of, broken by a word joiner
 * (U+2060, invisible) after the scheme or the `www`, so they read the same but link nowhere.
 */
export function breakLinks(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*)(:\/\/)/gi, '$1\u2060$2').replace(/\b(www)(\.)/gi, '$1\u2060$2')
}

/** Text in a code span (never made a link by GitHub), redacted on the raw text first. */
export function code(text: string, max = 300): string {
  // Inside a code span only a backtick (which would end it) and a pipe (which would end the cell) matter.
  return `\`${visible(activeRedaction.redact(text).replace(/\r\n|\r|\n/g, ' '), max)
    .replace(/`/g, "'")
    .replace(/\|/g, '\\|')}\``
}

/** The first 8 characters of a long id (a UUID): enough to tell flows apart in a table. */
export function shortId(id: string): string {
  // Redacted before the cut: a cut secret would match none of its spellings.
  const clean = activeRedaction.redact(id)
  return clean.length > 12 ? `${clean.slice(0, 8)}…` : clean
}
