/**
 * The few Appmixer calls flows as code needs, as an interface of its own: these modules know
 * nothing of sign-in, retries or timeouts, and a test or another client can stand behind it.
 * An error status must reject with an `HttpError` (its `status` tells a missing flow apart).
 */
import { HttpError } from '../errors.js'

export type QueryPairs = ReadonlyArray<readonly [string, string]>

export interface FlowApi {
  getJson(path: string, query?: QueryPairs): Promise<unknown>
  putJson(path: string, body: unknown, query?: QueryPairs): Promise<unknown>
  postJson(path: string, body: unknown, query?: QueryPairs): Promise<unknown>
}

/** A path segment from a file or an answer, encoded: an id must never reach another endpoint. */
export function segment(id: string): string {
  return encodeURIComponent(id)
}

/** Whether a request failed because what it names does not exist. */
export function isNotFound(error: unknown): boolean {
  return error instanceof HttpError && error.status === 404
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
