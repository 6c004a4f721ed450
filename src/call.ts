/**
 * One API call: the configured endpoint with the configured method, query, headers and body,
 * and the `select` expression evaluated on its JSON.
 */
import { readFile } from 'node:fs/promises'
import type { AppmixerClient } from './appmixer.js'
import { parseJsonText, type Config, type RequestBody } from './config.js'
import { InputError, errorMessage } from './errors.js'
import type { Json } from './expressions.js'
import type { HttpResponse } from './http.js'

export interface CallOutcome {
  readonly method: string
  readonly url: URL
  readonly response: HttpResponse
  /** The parsed body, undefined when it is empty or not JSON; parsed on first use only. */
  readonly json?: Json
  readonly ok: boolean
}

/** Reads and checks `body-file` before any request, so a bad file fails as bad input. */
export async function loadBody(body: RequestBody): Promise<string | undefined> {
  if (body.kind === 'none') return undefined
  if (body.kind === 'inline') return body.json
  let text: string
  try {
    text = await readFile(body.path, 'utf8')
  } catch (error) {
    throw new InputError('body-file', `cannot read ${body.path} (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`)
  }
  return parseJsonText('body-file', text)
}

export async function callEndpoint(
  client: AppmixerClient,
  config: Config,
  body: string | undefined,
  deadline?: number
): Promise<CallOutcome> {
  const { method, endpoint, query, headers } = config.call
  const response = await client.request({ method, path: endpoint, query, headers, body }, deadline)
  // A large body that only goes to response-file is never parsed.
  let parsed: { json?: Json } | undefined
  return {
    method,
    url: client.url(endpoint, query),
    response,
    get json() {
      parsed ??= { json: parseJson(response.text) }
      return parsed.json
    },
    ok: response.status >= 200 && response.status < 300
  }
}

export function parseJson(text: string): Json | undefined {
  if (!text.trim()) return undefined
  try {
    return JSON.parse(text) as Json
  } catch {
    return undefined
  }
}

/** What a step found, kept as it goes so that outputs and the summary can tell even after a failure. */
export interface StepTrace {
  call?: CallOutcome
  value?: string
}
