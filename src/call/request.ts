/**
 * One API call: the configured endpoint with the configured method, query, headers and body.
 * The body of the answer is parsed only when something reads it.
 */
import { readFile } from 'node:fs/promises'
import type { AppmixerClient } from '../appmixer.js'
import type { CallSettings, RequestBody } from '../config/index.js'
import { InputError, errorMessage, quote } from '../errors.js'
import type { Json } from '../expressions.js'
import type { BodySink, HttpResponse } from '../http/index.js'
import { parseJsonText } from '../input-parsers.js'
import { realPathInWorkspace } from '../workspace.js'

export interface CallOutcome {
  readonly method: string
  readonly url: URL
  readonly response: HttpResponse
  /** The parsed body, undefined when it is empty, not JSON, or not kept; parsed on first use only. */
  readonly json?: Json
  readonly ok: boolean
}

/**
 * Reads and checks `body-file` before any request, so a bad file fails as bad input; with the
 * workspace, only a file whose real path (symbolic links followed) is inside it.
 */
export async function loadBody(body: RequestBody, workspace?: string): Promise<string | undefined> {
  if (body.kind === 'none') return undefined
  if (body.kind === 'inline') return body.json
  const file = workspace === undefined ? body.path : await realPathInWorkspace('body-file', body.path, workspace)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new InputError('body-file', `cannot read ${quote(body.path)} (${(error as NodeJS.ErrnoException).code ?? errorMessage(error)})`)
  }
  return parseJsonText('body-file', text)
}

export async function callEndpoint(
  client: AppmixerClient,
  call: CallSettings,
  body: string | undefined,
  deadline?: number,
  sink?: BodySink
): Promise<CallOutcome> {
  const { method, endpoint, query, headers } = call
  const response = await client.send({ method, path: endpoint, query, headers, body }, deadline, sink)
  let parsed: { json?: Json } | undefined
  return {
    method,
    url: client.url(endpoint, query),
    response,
    get json() {
      parsed ??= { json: response.complete ? parseJson(response.text) : undefined }
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
