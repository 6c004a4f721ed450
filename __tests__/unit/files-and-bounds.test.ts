/**
 * Files and bounds under a hostile checkout or server: real paths for "inside the workspace",
 * a response file renamed into place only when complete, a ready zip read without inflating
 * anything but its manifest, durations that keep every computed time a valid date, and the
 * summary's Markdown helpers redacting raw text first.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { zipSync } from 'fflate'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { loadBody } from '../../src/call/request.js'
import { InputError, errorMessage, quote } from '../../src/errors.js'
import { MAX_DURATION_MS, parseDurationInput } from '../../src/input-parsers.js'
import { packConnector } from '../../src/publish/pack.js'
import { ResponseFileSink } from '../../src/response-file.js'
import { SecretRegistry } from '../../src/secrets.js'
import { code, escapeCell } from '../../src/summary.js'
import { realPathInWorkspace } from '../../src/workspace.js'

const temp = (prefix: string) => realpathSync(mkdtempSync(path.join(os.tmpdir(), prefix)))

describe('inside the workspace, on real paths', () => {
  const workspace = temp('ws-')
  const outside = temp('outside-')
  writeFileSync(path.join(outside, 'secret.json'), '{"id_rsa":"-----BEGIN"}')
  mkdirSync(path.join(workspace, 'vendor'))
  symlinkSync(outside, path.join(workspace, 'vendor', 'crm'))
  symlinkSync(path.join(outside, 'secret.json'), path.join(workspace, 'body.json'))
  writeFileSync(path.join(workspace, 'plain.json'), '{"a":1}')

  it('rejects a target reached through a symbolic link out of the workspace, naming the input', async () => {
    await expect(realPathInWorkspace('publish', 'vendor/crm', workspace)).rejects.toThrow(
      "Input 'publish': 'vendor/crm' is outside the workspace (following symbolic links)"
    )
    await expect(realPathInWorkspace('response-file', 'vendor/crm/new/out.json', workspace)).rejects.toBeInstanceOf(InputError)
    await expect(loadBody({ kind: 'file', path: path.join(workspace, 'body.json') }, workspace)).rejects.toThrow("Input 'body-file'")
  })

  it('takes a target inside, existing or not yet', async () => {
    expect(await realPathInWorkspace('response-file', 'out/deep/response.json', workspace)).toBe(
      path.join(workspace, 'out/deep/response.json')
    )
    expect(await loadBody({ kind: 'file', path: path.join(workspace, 'plain.json') }, workspace)).toBe('{"a":1}')
  })

  it('publish: a linked folder or zip pointing elsewhere is not packed', async () => {
    symlinkSync(path.join(outside, 'secret.json'), path.join(workspace, 'crm.zip'))
    await expect(packConnector('vendor/crm', workspace)).rejects.toThrow('is outside the workspace')
    await expect(packConnector('crm.zip', workspace)).rejects.toThrow('is outside the workspace')
  })

  it('response-file: a requested path through a link out of the workspace is refused', async () => {
    const sink = new ResponseFileSink({
      requested: path.join(workspace, 'vendor/crm/response.json'),
      needsText: true,
      workspace,
      secrets: new SecretRegistry(() => undefined)
    })
    await expect(sink.begin()).rejects.toThrow("Input 'response-file'")
    expect(readdirSync(outside)).toEqual(['secret.json'])
  })
})

describe('the response file', () => {
  const sinkFor = (requested: string) => new ResponseFileSink({ requested, needsText: true, secrets: new SecretRegistry(() => undefined) })

  it('is written beside its target and renamed into place only when complete', async () => {
    const dir = temp('response-')
    const target = path.join(dir, 'response.json')
    const sink = sinkFor(target)
    await sink.begin()
    await sink.write('{"half":')
    expect(existsSync(target)).toBe(false)
    expect(readdirSync(dir)).toHaveLength(1) // the partial file, beside the target
    await sink.write('true}')
    await sink.end()
    expect(readFileSync(target, 'utf8')).toBe('{"half":true}')
    expect(readdirSync(dir)).toEqual(['response.json'])
    expect(sink.path).toBe(target)
  })

  it('leaves nothing when the body is cut (abort) or the attempt starts over (begin again)', async () => {
    const dir = temp('response-')
    const target = path.join(dir, 'response.json')
    const sink = sinkFor(target)
    await sink.begin()
    await sink.write('{"cut":')
    await sink.begin()
    await sink.write('{"second":')
    await sink.abort()
    expect(readdirSync(dir)).toEqual([])
    expect(sink.path).toBeUndefined()
  })
})

describe('a ready zip', () => {
  it('is read without inflating the entries other than its manifest', async () => {
    const workspace = temp('zip-')
    // A bomb: 64 MiB of zeros per entry (a few KiB deflated), beside a small manifest.
    const zeros = new Uint8Array(64 * 2 ** 20)
    const zip = zipSync({
      'acme/crm/service.json': new TextEncoder().encode('{"name":"acme.crm"}'),
      'acme/crm/a.bin': zeros,
      'acme/crm/b.bin': zeros
    })
    writeFileSync(path.join(workspace, 'crm.zip'), zip)
    const before = process.memoryUsage().arrayBuffers
    const connector = await packConnector('crm.zip', workspace)
    expect(connector).toMatchObject({ name: 'acme.crm', files: 3 })
    // Inflating one bomb entry alone would add 64 MiB.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 2 ** 20)
  })

  it('refuses a manifest that inflates past its declared size, or claims more than 1 MiB', async () => {
    const workspace = temp('zip-')
    const zip = zipSync({ 'acme/crm/service.json': new TextEncoder().encode(`{"name":"acme.crm","pad":"${' '.repeat(2 ** 21)}"}`) })
    writeFileSync(path.join(workspace, 'big.zip'), zip)
    await expect(packConnector('big.zip', workspace)).rejects.toThrow('cannot be read (over 1 MiB, or damaged)')
    // The same entry, its declared size lowered to 10 bytes (central directory and local header).
    const lied = Uint8Array.from(zipSync({ 'acme/crm/service.json': new TextEncoder().encode('{"name":"acme.crm"}') }))
    const view = new DataView(lied.buffer)
    for (let at = 0; at < lied.length - 4; at++) {
      if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 10, true)
    }
    writeFileSync(path.join(workspace, 'lied.zip'), lied)
    await expect(packConnector('lied.zip', workspace)).rejects.toThrow('cannot be read')
  })
})

describe('durations', () => {
  it('errors-window: 99999999999h is bad input naming the input, before any request', () => {
    expect(() => parseDurationInput('errors-window', '99999999999h', 0)).toThrow(
      "Input 'errors-window': '99999999999h' is longer than ten years"
    )
    expect(() => parseDurationInput('errors-window', '9'.repeat(400), 0)).toThrow("Input 'errors-window'")
  })

  it('every accepted duration keeps a computed time a valid date', () => {
    const now = Date.UTC(2030, 0, 1)
    expect(new Date(now - MAX_DURATION_MS).toISOString()).toMatch(/^20/)
    expect(new Date(now + MAX_DURATION_MS).toISOString()).toMatch(/^20/)
  })
})

describe('raw text redacted first', () => {
  it('summary cells: a password with Markdown characters is redacted before it is escaped, and bare URLs break', () => {
    const password = 'p@ss w0rd!"\'$`*_[|<\\'
    const { runner } = fakeRunner({})
    runner.secret(password)
    expect(escapeCell(`Invalid password ${password}`)).toBe('Invalid password \\*\\*\\*')
    expect(code(`echo ${password}`)).toBe('`echo ***`')
    expect(escapeCell('see https://evil.example and www.evil.example')).toBe('see https\u2060://evil.example and www\u2060.evil.example')
  })

  it("Node's error text is redacted before it is cut", () => {
    const password = 'Sup3r-S3cret-Passw0rd'
    const { runner } = fakeRunner({})
    runner.secret(password)
    const error = new Error(`${'x'.repeat(290)}${password}`)
    expect(errorMessage(error)).toBe(`${'x'.repeat(290)}***`)
    expect(quote(error.message, 300)).not.toContain(password.slice(0, 10))
  })
})
