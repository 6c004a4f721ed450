/** Output `value`: the `select` result. */
import { ActionError } from './errors.js'
import type { Json } from './expressions.js'

/** A string as is, anything else as JSON text. */
export function valueText(value: Json): string {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value)
  } catch {
    throw new ActionError("Input 'select': its result is JSON nested too deeply to write as an output; select a part of it")
  }
}
