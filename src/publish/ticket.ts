/**
 * What `GET /components/uploader/:ticket` says, read as the vendor's CLI reads it: any truthy
 * `finished` ends the wait (a timestamp, or just `true`), any truthy `err` is a failure (a
 * string, or an object), and `data` holds validation errors in the ajv 6 form (`dataPath`,
 * "should have …") or the ajv 8 form (`instancePath`, "must have …"), or anything else, shown as
 * it is. See docs/appmixer-api.md §12.
 */
import { visible } from '../errors.js'

export interface ValidationError {
  readonly message: string
  readonly dataPath?: string
}

export interface TicketState {
  /** Appmixer's `finished` as text; undefined while publishing goes on. */
  readonly finished?: string
  /** Appmixer's `err` as text; set whenever `err` is truthy. */
  readonly err?: string
  readonly problems: readonly ValidationError[]
}

export function readTicketState(body: unknown): TicketState {
  const status = (body ?? {}) as { finished?: unknown; err?: unknown; data?: unknown }
  return {
    finished: status.finished ? visible(asText(status.finished), 60) : undefined,
    err: status.err ? visible(asText(status.err), 300) : undefined,
    problems: problemsOf(status.data)
  }
}

function problemsOf(data: unknown): ValidationError[] {
  if (data === undefined || data === null || data === '' || (Array.isArray(data) && data.length === 0)) return []
  if (!Array.isArray(data)) return [{ message: visible(asText(data), 300) }]
  return data.map(item => {
    const entry = (item ?? {}) as { message?: unknown; dataPath?: unknown; instancePath?: unknown }
    const dataPath =
      typeof entry.dataPath === 'string' ? entry.dataPath : typeof entry.instancePath === 'string' ? entry.instancePath : undefined
    // Text from Appmixer, shown in annotations and the summary: bounded, control characters visible.
    return {
      message: visible(typeof entry.message === 'string' ? entry.message : asText(item), 300),
      dataPath: dataPath ? visible(dataPath, 120) : undefined
    }
  })
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}
