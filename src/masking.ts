/**
 * The `mask` input: values in a response that are secrets of the user's (an API key in a
 * flow's config, a webhook URL), found by JMESPath and masked before anything is written.
 */
import type { Expression, Json } from './expressions.js'

/** Values shorter than this are not masked: masking `1` or `on` would garble the whole log. */
export const MIN_MASKED_LENGTH = 4

/** Every string (and number) the expressions select, however deeply nested. */
export function valuesToMask(expressions: readonly Expression[], response: Json): string[] {
  const found: string[] = []
  const collect = (value: Json): void => {
    if (typeof value === 'string') found.push(value)
    else if (typeof value === 'number') found.push(String(value))
    else if (Array.isArray(value)) value.forEach(collect)
    else if (value && typeof value === 'object') Object.values(value).forEach(collect)
  }
  for (const expression of expressions) collect(expression.evaluate(response))
  return found.filter(value => value.trim().length >= MIN_MASKED_LENGTH)
}
