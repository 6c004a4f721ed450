/**
 * Secrets echoed back in the spellings real servers and proxies produce, end to end through
 * dist/: each was shown by the step before its registry knew the spelling, or before it
 * redacted raw text first. runScenario checks every spelling (helpers/leaks.ts) in every place.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER } from '../../sandbox/seed.js'
import { runScenario, signInTo, type Sandbox } from '../helpers/scenario.js'

let sandbox: Sandbox

afterEach(() => sandbox?.close())

const withPassword = async (password: string) => {
  sandbox = await startSandbox({ users: [{ ...DEMO_USER, password }] })
  return { ...signInTo(sandbox), password }
}

describe('spellings a server echoes', () => {
  it('a password with Markdown characters, echoed in a selected value, is redacted in the summary before escaping', async () => {
    const password = 'p@ss|w0rd!*_[<x\\'
    const inputs = await withPassword(password)
    sandbox.fault({ path: '/user', status: 200, body: { echo: password } })
    const step = await runScenario(sandbox, { inputs: { ...inputs, endpoint: '/user', select: 'echo' } })
    expect(step.code).toBe(0)
    expect(step.summary).toContain('| Value | `***` |')
  })

  it('a password with Markdown characters, echoed in an error, is redacted in the summary', async () => {
    const password = 'p@ss w0rd!"\'$`*_[|<\\'
    const inputs = await withPassword(password)
    sandbox.fault({ path: '/user', status: 400, body: { statusCode: 400, error: 'Bad Request', message: `Rejected ${password}` } })
    const step = await runScenario(sandbox, { inputs: { ...inputs, endpoint: '/user' } })
    expect(step.code).toBe(1)
    expect(step.summary).toContain('Rejected \\*\\*\\*')
  })

  it('a password with blanks around it, echoed trimmed, is redacted in output response', async () => {
    const password = '  Tr1mmed-Passw0rd  '
    const inputs = await withPassword(password)
    sandbox.fault({ path: '/user', status: 200, body: { echo: password.trim() } })
    const step = await runScenario(sandbox, { inputs: { ...inputs, endpoint: '/user' } })
    expect(step.code).toBe(0)
    expect(step.outputs.response).toBe('{"echo":"***"}')
  })

  it('a password typed in NFD and echoed in NFC is redacted', async () => {
    const password = 'Zahlungseinga\u0308nge-2026'
    const inputs = await withPassword(password)
    sandbox.fault({ path: '/user', status: 200, body: { echo: password.normalize('NFC') } })
    const step = await runScenario(sandbox, { inputs: { ...inputs, endpoint: '/user' } })
    expect(step.code).toBe(0)
    expect(step.outputs.response).toBe('{"echo":"***"}')
  })

  it('a password JSON-escaped as \\u00fc and \\/ is redacted in the response file', async () => {
    const password = 'grün/Passw0rd'
    const inputs = await withPassword(password)
    sandbox.fault({ path: '/user', status: 200, raw: '{"a":"gr\\u00fcn\\/Passw0rd","b":"gr\\u00FCn/Passw0rd","c":"grün\\/Passw0rd"}' })
    const dir = mkdtempSync(path.join(os.tmpdir(), 'spellings-'))
    const file = path.join(dir, 'response.json')
    const step = await runScenario(sandbox, {
      inputs: { ...inputs, endpoint: '/user', 'response-file': file },
      env: { GITHUB_WORKSPACE: dir }
    })
    expect(step.code).toBe(0)
    expect(readFileSync(file, 'utf8')).toBe('{"a":"***","b":"***","c":"***"}')
  })

  it('a password percent-encoded as the URL parser does it (query) is redacted in logs and outputs', async () => {
    const password = 'p@ss w0rd!"\'$`'
    const inputs = await withPassword(password)
    const url = new URL('https://example.com/')
    url.search = password
    sandbox.fault({ path: '/user', status: 200, body: { next: `https://example.com/${url.search}` } })
    const step = await runScenario(sandbox, { inputs: { ...inputs, endpoint: '/user' } })
    expect(step.code).toBe(0)
    expect(step.outputs.response).toBe('{"next":"https://example.com/?***"}')
  })
})
