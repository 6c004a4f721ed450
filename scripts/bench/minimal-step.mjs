// @ts-check
// The node:http floor: sign in and one GET on a keep-alive agent, and nothing else. The
// builtins are loaded through createRequire, as an ncc bundle loads them (an ESM import of
// node:http reads every export, and its lazy WebSocket getter then loads Node's internal undici),
// and node:https is loaded too, as any real tenant needs it. Run under Node 24 by run.js.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
/** @type {typeof import('node:http')} */
const http = require('node:http')
require('node:https')

const base = new URL(process.env.BENCH_BASE_URL ?? '')
const agent = new http.Agent({ keepAlive: true })

/** @param {string} method @param {string} path @param {Record<string, string>} headers @param {string} [body] @returns {Promise<any>} */
function request(method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { method, headers, agent }, res => {
      /** @type {Buffer[]} */
      const chunks = []
      res.on('data', chunk => chunks.push(chunk))
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const credentials = JSON.stringify({ username: process.env.BENCH_USERNAME, password: process.env.BENCH_PASSWORD })
const { token } = await request('POST', '/user/auth', { 'content-type': 'application/json' }, credentials)
const user = await request('GET', '/user', { authorization: `Bearer ${token}` })
process.stdout.write(`${user.id}\n`)
agent.destroy()
