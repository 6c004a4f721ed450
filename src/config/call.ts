/** The inputs of one API call: method, endpoint, query, headers and body, checked as HTTP allows them. */
import { InputError, quote } from '../errors.js'
import { compileExpression } from '../expressions.js'
import { CONTROL_CHARS, parseJsonText, parseLines, resolvePath } from '../input-parsers.js'
import type { InputReader } from './inputs.js'
import type { CallSettings, RequestBody } from './settings.js'

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i
// RFC 9110 field-value: visible ASCII, obs-text (0x80-0xFF), spaces and tabs.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/
// Headers the action owns: a user value would send the token elsewhere or break the request.
const RESERVED_HEADERS = ['authorization', 'host', 'content-length', 'transfer-encoding', 'connection']
/** Inputs that only mean something with `endpoint`. */
export const CALL_ONLY_INPUTS = ['method', 'query', 'headers', 'body', 'body-file', 'expect'] as const

/** The call, when `endpoint` is given; its own inputs without `endpoint` are an error, not a call to a default. */
export function parseCall(input: InputReader, workspace: string): CallSettings | undefined {
  const endpoint = input('endpoint')
  if (!endpoint) {
    // `method` has a default (GET) in action.yml: only another method is a stray.
    const stray = CALL_ONLY_INPUTS.find(name => input(name) && !(name === 'method' && input(name).toUpperCase() === 'GET'))
    if (stray) throw new InputError('endpoint', `is empty, but '${stray}' is set; give the path to call, e.g. endpoint: /flows`)
    return undefined
  }
  const method = (input('method') || 'GET').toUpperCase()
  if (!METHODS.includes(method)) throw new InputError('method', `${quote(method)} is not one of ${METHODS.join(', ')}`)
  const body = parseBody(input('body'), input('body-file'), workspace)
  if (body.kind !== 'none' && (method === 'GET' || method === 'HEAD')) {
    throw new InputError(
      body.kind === 'file' ? 'body-file' : 'body',
      `a request body cannot be sent with ${method}; set 'method' to POST, PUT or PATCH`
    )
  }
  return {
    method,
    endpoint: parseEndpoint(endpoint),
    query: parseLines('query', input('query'), '=').map(([name, value]) => {
      if (!name) throw new InputError('query', `${quote(`${name}=${value}`)} has no parameter name`)
      return [name, value] as const
    }),
    headers: parseHeaders(input('headers')),
    body,
    expect: input('expect') ? compileExpression('expect', input('expect')) : undefined
  }
}

export function parseEndpoint(endpoint: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(endpoint) || endpoint.startsWith('//')) {
    throw new InputError(
      'endpoint',
      `${quote(endpoint)} is an absolute URL; give a path such as /flows. The token is sent only to the configured host`
    )
  }
  if (!endpoint.startsWith('/')) throw new InputError('endpoint', `${quote(endpoint)} must be a path starting with '/', e.g. /flows`)
  if (CONTROL_CHARS.test(endpoint) || /[\s\\#]/.test(endpoint)) {
    throw new InputError('endpoint', 'must not contain spaces, backslashes, control characters or a #fragment')
  }
  return endpoint
}

/** Headers as RFC 9110 allows them: a token for a name, visible Latin-1 text for a value. */
function parseHeaders(text: string): Array<readonly [string, string]> {
  return parseLines('headers', text, ':').map(([name, rawValue]) => {
    if (!HEADER_NAME.test(name)) throw new InputError('headers', `${quote(name)} is not a valid header name`)
    if (RESERVED_HEADERS.includes(name.toLowerCase()))
      throw new InputError('headers', `${quote(name)} is set by the action and cannot be given`)
    const value = rawValue.trim()
    const outside = [...value].find(char => char.codePointAt(0)! > 0xff)
    if (outside) {
      throw new InputError(
        'headers',
        `the value of ${quote(name)} has ${quote(outside)}, which HTTP headers cannot carry (Latin-1 only); percent-encode it or send it in the body`
      )
    }
    if (!FIELD_VALUE.test(value)) throw new InputError('headers', `the value of ${quote(name)} has a character HTTP headers cannot carry`)
    return [name, value] as const
  })
}

function parseBody(body: string, bodyFile: string, workspace: string): RequestBody {
  if (body && bodyFile) throw new InputError('body', "set either 'body' or 'body-file', not both")
  if (bodyFile) return { kind: 'file', path: resolvePath('body-file', bodyFile, workspace) }
  if (!body) return { kind: 'none' }
  return { kind: 'inline', json: parseJsonText('body', body) }
}
