/**
 * The `mask` input: values in a response that are secrets of the user's (an API key in a
 * flow's config, a webhook URL), found by JMESPath and masked before anything is written.
 */
import { ActionError } from './errors.js'
import type { Expression, Json } from './expressions.js'

/** Values shorter than this are not masked: masking `1` or `on` would garble the whole log. */
export const MIN_MASKED_LENGTH = 4

/** The most distinct values one answer may hand to `mask`: the server must not choose the step's cost. */
export const MAX_MASKED_VALUES = 10_000

/** More values to mask than the action takes: the answer is then not written anywhere. */
export class TooManyToMask extends ActionError {}

/** Every distinct string (and number) the expressions select, however deeply nested. */
export function valuesToMask(expressions: readonly Expression[], response: Json): string[] {
  const found: string[] = []
  const collect = (value: Json): void => {
    if (typeof value === 'string') found.push(value)
    else if (typeof value === 'number') found.push(String(value))
    else if (Array.isArray(value)) value.forEach(collect)
    else if (value && typeof value === 'object') Object.values(value).forEach(collect)
  }
  for (const expression of expressions) collect(expression.evaluate(response))
  const values = [...new Set(found.filter(value => value.trim().length >= MIN_MASKED_LENGTH))]
  if (values.length > MAX_MASKED_VALUES) {
    throw new TooManyToMask(
      `Input 'mask': the response holds ${values.length} values to mask, more than the ${MAX_MASKED_VALUES} the action takes; ` +
        'select fewer (or call an endpoint that answers less), so the answer is not written anywhere'
    )
  }
  return values
}
