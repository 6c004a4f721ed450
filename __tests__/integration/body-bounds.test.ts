/**
 * The server does not choose how much a step reads: a small gzip answer that inflates far past
 * the limit is cut off as soon as the decoded bytes pass it, as `fail` (the action's own limit),
 * never `unavailable`, and a response file it was streaming to is not left behind.
 */
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { constants, gzipSync } from 'node:zlib'
import { systemClock } from '../../src/clock.js'
import { ActionError } from '../../src/errors.js'
import { HttpTransport } from '../../src/http/index.js'
import { ResponseFileSink } from '../../src/response-file.js'

let server: http.Server
let url: string
// 64 MiB of zeros, about 64 KiB on the wire.
const bomb = gzipSync(Buffer.alloc(64 * 2 ** 20), { level: constants.Z_BEST_COMPRESSION })

beforeAll(async () => {
  server = http.createServer((_, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) })
    res.end(bomb)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bomb`
})
afterAll(() => new Promise(resolve => server.close(resolve)))

function transport() {
  return new HttpTransport({
    userAgent: 'test',
    timeoutMs: 10_000,
    retries: 0,
    clock: systemClock,
    log: () => undefined,
    maxBodyBytes: 2 ** 20
  })
}

describe('a body past the decoded limit', () => {
  it("fails as the action's own limit, not as Appmixer unavailable", async () => {
    const http = transport()
    try {
      const error = await http.send({ method: 'GET', url: new URL(url), headers: {} }).then(
        () => undefined,
        (caught: unknown) => caught
      )
      expect(error).toBeInstanceOf(ActionError)
      expect((error as ActionError).verdict).toBe('fail')
      expect((error as Error).message).toMatch(/larger than 1 MiB once decoded/)
    } finally {
      http.close()
    }
  })

  it('leaves no response file behind, not even a partial one', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'bomb-'))
    const requested = path.join(folder, 'out.json')
    const sink = new ResponseFileSink({
      requested,
      workspace: folder,
      needsText: false,
      secrets: { streamRedactor: () => ({ push: (text: string) => text, end: () => '' }) }
    })
    const http = transport()
    try {
      await expect(http.send({ method: 'GET', url: new URL(url), headers: {} }, undefined, sink)).rejects.toThrow(/once decoded/)
      expect(existsSync(requested)).toBe(false)
      expect(readdirSync(folder)).toEqual([])
    } finally {
      http.close()
    }
  })
})
