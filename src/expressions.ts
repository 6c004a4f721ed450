/**
 * JMESPath expressions from inputs (`select`, `expect`, `mask`): compiled once while the inputs
 * are validated, so a typo fails before any network call, then evaluated on responses.
 */
import type { JSONValue } from '@jmespath-community/jmespath'
import { ActionError, InputError, errorMessage, quote, visible } from './errors.js'

export type Json = JSONValue

type Engine = typeof import('@jmespath-community/jmespath')
let engine: Engine | undefined

/** The inputs that hold JMESPath expressions. */
export const EXPRESSION_INPUTS = ['select', 'expect', 'mask'] as const

/**
 * Loads the JMESPath engine, a chunk of the bundle of its own: only a step that has a `select`,
 * `expect` or `mask` pays its start-up. Call before the inputs are parsed.
 */
export async function loadExpressionEngine(): Promise<void> {
  engine ??= await import('@jmespath-community/jmespath')
}

export interface Expression {
  readonly input: string
  readonly text: string
  evaluate(data: Json): Json
}

export function compileExpression(input: string, text: string): Expression {
  if (!engine) throw new Error('The JMESPath engine is not loaded: call loadExpressionEngine() first')
  const { compile, TreeInterpreter } = engine
  let node: ReturnType<Engine['compile']>
  try {
    node = compile(text)
  } catch (error) {
    throw new InputError(input, `${quote(text)} is not a valid JMESPath expression (${visible(errorMessage(error), 120)})`)
  }
  return {
    input,
    text,
    evaluate(data) {
      try {
        return TreeInterpreter.search(node, data)
      } catch (error) {
        throw new ActionError(`Input '${input}': ${quote(text)} failed on the response (${visible(errorMessage(error), 160)})`)
      }
    }
  }
}

/** JMESPath truthiness: false, null, empty string, empty array and empty object are false. */
export function isTruthy(value: Json): boolean {
  if (value === null || value === false || value === '') return false
  if (Array.isArray(value)) return value.length > 0
  if (typeof value === 'object') return Object.keys(value).length > 0
  return true
}
