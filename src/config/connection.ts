/** Where Appmixer is and how to sign in: `tenant` or `base-url`, and credentials or a token. */
import { InputError, quote } from '../errors.js'
import { CONTROL_CHARS } from '../input-parsers.js'
import type { Credentials } from './settings.js'

const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i
/** `scheme://user:pass@` or `scheme://user@`, wherever it stands in a value. */
// Bounded, and starting at a word's start: linear on a hostile 20,000-character input.
export const USERINFO = /\b[a-z][a-z0-9+.-]{0,30}:\/\/[^/\s@]{0,256}@/i

/** Credentials written into a URL in any input (`https://ci:pass@host`): secrets, to be masked at once. */
export function userinfoSecrets(value: string): string[] {
  const secrets: string[] = []
  for (const match of value.matchAll(new RegExp(USERINFO.source, 'gi'))) {
    const userinfo = match[0].slice(match[0].indexOf('//') + 2, -1)
    const colon = userinfo.indexOf(':')
    secrets.push(userinfo)
    if (colon >= 0 && colon < userinfo.length - 1) secrets.push(userinfo.slice(colon + 1))
  }
  return secrets
}

export function parseBaseUrl(tenant: string, baseUrl: string): URL {
  if (tenant && baseUrl) throw new InputError('tenant', "set either 'tenant' or 'base-url', not both")
  if (tenant) {
    if (!DNS_LABEL.test(tenant)) {
      throw new InputError(
        'tenant',
        `${quote(tenant)} is not a tenant name: use the DNS label only, e.g. 'acme' for https://api.acme.appmixer.cloud`
      )
    }
    return new URL(`https://api.${tenant.toLowerCase()}.appmixer.cloud`)
  }
  if (!baseUrl) throw new InputError('tenant', "set 'tenant' (hosted Appmixer) or 'base-url' (self-managed)")
  // Never quote a URL that carries credentials back, even a malformed one.
  const credentials = 'contains credentials (user:password@); use the username and password inputs'
  if (USERINFO.test(baseUrl)) throw new InputError('base-url', credentials)
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    // An `@` may end credentials the pattern above could not read: the value is not quoted then.
    const shown = baseUrl.includes('@') ? 'the value' : quote(baseUrl)
    throw new InputError('base-url', `${shown} is not a URL; expected e.g. https://api.appmixer.example.com`)
  }
  if (url.username || url.password) throw new InputError('base-url', credentials)
  if (url.search || url.hash) throw new InputError('base-url', 'must not have a query string or fragment')
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    throw new InputError('base-url', `must use https:// (plain http is allowed only for loopback hosts), got ${url.origin}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InputError('base-url', `must be an https:// URL, got ${url.protocol}`)
  url.pathname = url.pathname.replace(/\/+$/, '')
  return url
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host)
}

export function parseCredentials(username: string, password: string, token: string): Credentials {
  if (token) {
    if (username || password) throw new InputError('token', "set either 'token' or 'username' and 'password', not both")
    if (CONTROL_CHARS.test(token) || /\s/.test(token)) throw new InputError('token', 'must be a single word without spaces or line breaks')
    return { kind: 'token', token }
  }
  if (!username && !password) throw new InputError('username', "set 'username' and 'password' (or 'token') to sign in to Appmixer")
  if (!username) throw new InputError('username', "is required with 'password'")
  if (!password) throw new InputError('password', `is required to sign in as ${quote(username)}`)
  return { kind: 'password', username, password }
}
