/** Fault injection: dist/index.js against a sandbox that misbehaves in the ways real networks do. */
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, makeFlow } from '../../sandbox/seed.js'
import { runScenario, signInTo, type Sandbox } from '../helpers/scenario.js'

let sandbox: Sandbox

beforeEach(async () => {
  sandbox = await startSandbox()
})
afterEach(() => sandbox.close())

// A step that says what it does: the call that checks the credentials, unless a test names another.
const signIn = () => ({ ...signInTo(sandbox), endpoint: '/user' })
const retryLines = (log: string[]) => log.filter(line => line.includes('retrying in'))
const calls = (path: string) => sandbox.requests.filter(request => request.path === path)

describe('transient failures are retried', () => {
  it('503 twice, then 200', async () => {
    sandbox.fault({ path: '/user', status: 503, times: 2 })
    const step = await runScenario(sandbox, { inputs: signIn() })
    expect(step.code).toBe(0)
    expect(step.outputs.result).toBe('pass')
    expect(retryLines(step.log)).toHaveLength(2)
    expect(retryLines(step.log)[0]).toMatch(/^GET \/user: 503 Service Unavailable \(attempt 1 of 4\); retrying in \d+(ms|s)$/)
  })

  it('429 with Retry-After: waits what the server asks', async () => {
    sandbox.fault({ path: '/user', status: 429, headers: { 'retry-after': '1' } })
    const step = await runScenario(sandbox, { inputs: signIn() })
    expect(step.code).toBe(0)
    expect(retryLines(step.log)).toEqual(['GET /user: 429 Too Many Requests (attempt 1 of 4); retrying in 1s'])
  })

  it('a reset socket on a GET', async () => {
    sandbox.fault({ path: '/user', reset: true })
    const step = await runScenario(sandbox, { inputs: signIn() })
    expect(step.code).toBe(0)
    expect(retryLines(step.log)[0]).toContain('the connection was reset')
  })

  it('but not a reset POST, which may have taken effect', async () => {
    const flow = sandbox.flowNamed('Legacy import')!
    const path = `/flows/${flow.flowId}/coordinator`
    sandbox.fault({ path, reset: true })
    const step = await runScenario(sandbox, { inputs: { ...signIn(), method: 'POST', endpoint: path, body: '{"command":"start"}' } })
    expect(step.code).toBe(1)
    expect(step.outputs.result).toBe('unavailable')
    expect(calls(path)).toHaveLength(1)
    expect(step.stdout).toContain(`::error::POST ${path} at ${sandbox.url} failed: the connection was reset`)
  })

  it('never a wrong password', async () => {
    const step = await runScenario(sandbox, { inputs: { ...signIn(), password: 'not-the-password' } })
    expect(step.code).toBe(1)
    expect(calls('/user/auth')).toHaveLength(1)
  })
})

describe('giving up', () => {
  it('cuts a hung request at the timeout and gives up after the retries', async () => {
    sandbox.fault({ path: '/user', hang: true, times: 10 })
    const step = await runScenario(sandbox, { inputs: { ...signIn(), timeout: '300ms', retries: '1' } })
    expect(step.code).toBe(1)
    expect(step.outputs.result).toBe('unavailable')
    expect(step.stdout).toContain(
      `::error::GET /user at ${sandbox.url} failed after 2 attempts: no answer within 300ms (the 'timeout' input)`
    )
    expect(calls('/user')).toHaveLength(2)
    expect(step.durationMs).toBeLessThan(15_000) // it ended on its own, not at the harness's kill
  })

  it('reports a persistent 503 with its status after the last retry', async () => {
    sandbox.fault({ path: '/user', status: 503, times: 10 })
    const step = await runScenario(sandbox, { inputs: { ...signIn(), retries: '2' } })
    expect(step.code).toBe(1)
    expect(step.outputs).toMatchObject({ result: 'unavailable', status: '503' })
    expect(step.stdout).toContain('returned 503 Service Unavailable')
    expect(calls('/user')).toHaveLength(3)
  })
})

describe('odd answers', () => {
  it('malformed JSON: select fails clearly', async () => {
    sandbox.fault({ path: '/user', status: 200, raw: '{"id": "5c88", "name": ' })
    const step = await runScenario(sandbox, { inputs: { ...signIn(), select: 'id' } })
    expect(step.code).toBe(1)
    expect(step.stdout).toContain(
      "::error::Input 'select': the response of GET /user (200 OK) is not JSON, so 'select' cannot be evaluated"
    )
  })

  it('an empty 204 is a pass with an empty response', async () => {
    sandbox.fault({ path: '/flows/any', method: 'DELETE', status: 204, raw: '' })
    const step = await runScenario(sandbox, { inputs: { ...signIn(), method: 'DELETE', endpoint: '/flows/any' } })
    expect(step.code).toBe(0)
    expect(step.outputs).toMatchObject({ result: 'pass', status: '204', response: '' })
  })

  it('a huge Boom message is cut to a short excerpt', async () => {
    sandbox.fault({ path: '/user', status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'x'.repeat(100_000) } })
    const step = await runScenario(sandbox, { inputs: signIn() })
    expect(step.code).toBe(1)
    const error = step.stdout.split('\n').find(line => line.startsWith('::error::'))!
    expect(error.length).toBeLessThan(600)
    expect(step.stdout.length).toBeLessThan(5_000)
  })
})

describe('a multi-megabyte response', () => {
  it('goes to a file, not an output; select and expect still see all of it', async () => {
    const flows = Array.from({ length: 4_000 }, (_, i) => makeFlow(`Flow ${i}`, 'running', { description: 'd'.repeat(800) }))
    await sandbox.close()
    sandbox = await startSandbox({ flows })
    const runnerTemp = mkdtempSync(path.join(os.tmpdir(), 'runner-temp-'))
    const step = await runScenario(sandbox, {
      env: { RUNNER_TEMP: runnerTemp },
      inputs: { ...signIn(), endpoint: '/flows', query: 'limit=5000', select: 'length(@)', expect: "length([?stage=='running']) == `4000`" }
    })
    expect(step.code).toBe(0)
    expect(step.outputs.value).toBe('4000')
    expect(step.outputs.response).toBe('')
    const file = step.outputs['response-file']
    expect(step.stdout).toMatch(/::warning::The response \(\d\.\d MiB\) is larger than is safe for a step output \(100\.0 KiB\)/)
    expect(path.dirname(file)).toBe(runnerTemp)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveLength(4_000)
  })

  it('lands whole in a requested response-file', async () => {
    const flows = Array.from({ length: 2_000 }, (_, i) => makeFlow(`Flow ${i}`))
    await sandbox.close()
    sandbox = await startSandbox({ flows })
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'workspace-'))
    const step = await runScenario(sandbox, {
      workspace,
      inputs: { ...signIn(), endpoint: '/flows', query: 'limit=5000', 'response-file': 'flows.json' }
    })
    expect(step.code).toBe(0)
    expect(JSON.parse(readFileSync(path.join(workspace, 'flows.json'), 'utf8'))).toHaveLength(2_000)
  })
})

describe('a response streamed to its file', () => {
  it('is redacted as it is written, even where a secret falls across two pieces of the body', async () => {
    const password = DEMO_USER.password
    // Flows whose text echoes the password at every offset, so some copy straddles each chunk edge.
    const flows = Array.from({ length: 3_000 }, (_, i) =>
      makeFlow(`Flow ${i}`, 'running', { description: `${'p'.repeat(i % 97)}${password}` })
    )
    await sandbox.close()
    sandbox = await startSandbox({ flows })
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'workspace-'))
    const step = await runScenario(sandbox, {
      workspace,
      inputs: { ...signIn(), endpoint: '/flows', query: 'limit=5000', 'response-file': 'flows.json' }
    })
    expect(step.code).toBe(0)
    const text = readFileSync(path.join(workspace, 'flows.json'), 'utf8')
    expect(text).not.toContain(password)
    const written = JSON.parse(text) as Array<{ description: string }>
    expect(written).toHaveLength(3_000)
    expect(written.every(flow => flow.description.endsWith('***'))).toBe(true)
  })
})

describe('mask', () => {
  it('masks selected response values before anything is written, line by line, skipping short ones', async () => {
    const apiKey = 'sk_live_51HxYzAbCdEf'
    const flow = makeFlow('Orders sync', 'running', {
      customFields: { apiKey, webhook: 'https://hooks.example.com/T0/B1\nsecond-line-secret', pin: 'ab' }
    })
    await sandbox.close()
    sandbox = await startSandbox({ flows: [flow] })
    const step = await runScenario(sandbox, {
      inputs: {
        ...signIn(),
        endpoint: `/flows/${flow.flowId}`,
        mask: 'customFields.apiKey\ncustomFields.[webhook, pin]',
        select: 'customFields'
      },
      secrets: [apiKey, 'https://hooks.example.com/T0/B1', 'second-line-secret']
    })
    expect(step.code).toBe(0)
    expect(step.masks).toEqual(expect.arrayContaining([apiKey, 'https://hooks.example.com/T0/B1', 'second-line-secret']))
    expect(step.masks).not.toContain('ab')
    expect(JSON.parse(step.outputs.value)).toMatchObject({ apiKey: '***', pin: 'ab' })
  })
})
