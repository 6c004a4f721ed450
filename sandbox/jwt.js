// @ts-check
/** HS256 JSON Web Tokens, as the Appmixer engine signs them: payload {id, scope, iat, exp}. */
import { createHmac, timingSafeEqual } from 'node:crypto'

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))

/** @param {string | Buffer} text */
function base64url(text) {
  return Buffer.from(text).toString('base64url')
}

/**
 * @param {{id: string, scope: string[]}} claims
 * @param {string} secret
 * @param {number} lifetimeSeconds
 * @param {number} nowSeconds
 */
export function signJwt(claims, secret, lifetimeSeconds, nowSeconds = Math.floor(Date.now() / 1000)) {
  const payload = base64url(JSON.stringify({ ...claims, iat: nowSeconds, exp: nowSeconds + lifetimeSeconds }))
  const signature = createHmac('sha256', secret).update(`${HEADER}.${payload}`).digest('base64url')
  return `${HEADER}.${payload}.${signature}`
}

/**
 * The claims of a valid, unexpired token, or the reason it is refused.
 * @param {string} token
 * @param {string} secret
 * @returns {{ok: true, claims: {id: string, scope: string[], iat: number, exp: number}} | {ok: false, reason: string}}
 */
export function verifyJwt(token, secret, nowSeconds = Math.floor(Date.now() / 1000)) {
  const [header, payload, signature] = token.split('.')
  if (!header || !payload || !signature) return { ok: false, reason: 'Invalid JWT: token is malformed' }
  const expected = createHmac('sha256', secret).update(`${header}.${payload}`).digest()
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'Invalid JWT: key or signature is invalid' }
  }
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  if (typeof claims.exp === 'number' && claims.exp <= nowSeconds) return { ok: false, reason: 'Invalid JWT: token expired' }
  return { ok: true, claims }
}
