/**
 * The committed dist/index.js, run under Node 24 exactly as a runner runs a step, against the
 * sandbox. Every scenario also checks that no secret leaked, in normal and debug mode.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { NO_TENANT_DNS, runScenario, signInTo, type Sandbox } from '../helpers/scenario.js'
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER } from '../../sandbox/seed.js'
import { masksFirst } from '../helpers/leaks.js'

let sandbox: Sandbox

beforeEach(async () => {
  sandbox = await startSandbox()
})
afterEach(() => sandbox.close())

// A step that says what it does: the call that checks the credentials, unless a test names another.
const signIn = () => ({ ...signInTo(sandbox), endpoint: '/user' })

describe.each([false, true])('a call (debug %s)', debug => {
  it('signs in, calls /user by default and returns the JSON as outputs', async () => {
    const step = await runScenario(sandbox, { inputs: signIn(), debug })
    expect(step.code).toBe(0)
    expect(step.outputs).toMatchObject({ result: 'pass', status: '200', 'user-id': DEMO_USER.id })
    expect(JSON.parse(step.outputs.response)).toMatchObject({ id: DEMO_USER.id, username: DEMO_USER.username })
    expect(step.outputs.token).toBeUndefined()
    expect(masksFirst(step, [DEMO_USER.password])).toBe(true)
    expect(step.masks).toEqual(expect.arrayContaining(sandbox.state.issuedTokens))
    expect(step.summary).toContain('GET /user → 200 OK')
    // No link to the run: the summary is on the run's own page.
    expect(step.summary).not.toContain('/actions/runs/4242')
    expect(sandbox.requests[1].headers['user-agent']).toMatch(/^appmixer-action\/\d+\.\d+\.\d+ \(octo-org\/deploy-pipeline; run 4242\)$/)
  })

  it('fails on refused credentials, naming user and host, without retrying', async () => {
    const step = await runScenario(sandbox, { inputs: { ...signIn(), password: 'Wr0ng-Password!' }, debug })
    expect(step.code).toBe(1)
    expect(step.outputs.result).toBe('fail')
    expect(step.stdout).toContain(`::error::Appmixer refused the credentials of user '${DEMO_USER.username}' at ${sandbox.url}`)
    expect(sandbox.requests).toHaveLength(1)
  })
})

describe('call inputs', () => {
  it('sends method, query, headers and body, and selects a value', async () => {
    const flow = sandbox.flowNamed('Legacy import')!
    const step = await runScenario(sandbox, {
      inputs: {
        ...signIn(),
        method: 'POST',
        endpoint: `/flows/${flow.flowId}/coordinator`,
        query: 'background=true',
        headers: 'X-Request-Id: deploy-7',
        body: '{"command": "start"}',
        select: 'flowId'
      }
    })
    expect(step.code).toBe(0)
    expect(step.outputs.value).toBe(flow.flowId)
    const call = sandbox.requests[1]
    expect(call.query.get('background')).toBe('true')
    expect(call.headers['x-request-id']).toBe('deploy-7')
    expect(JSON.parse(call.body)).toEqual({ command: 'start' })
    expect(flow.stage).toBe('running')
  })

  it('reads the body from body-file and writes the response to response-file', async () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'workspace-'))
    writeFileSync(path.join(workspace, 'stop.json'), '{"command":"stop"}')
    const flow = sandbox.flowNamed('Orders sync')!
    const step = await runScenario(sandbox, {
      workspace,
      inputs: {
        ...signIn(),
        method: 'POST',
        endpoint: `/flows/${flow.flowId}/coordinator`,
        'body-file': 'stop.json',
        'response-file': 'out/../answer.json'
      }
    })
    expect(step.code).toBe(0)
    expect(step.outputs['response-file']).toBe(path.join(workspace, 'answer.json'))
    expect(JSON.parse(readFileSync(path.join(workspace, 'answer.json'), 'utf8')).flowId).toBe(flow.flowId)
    expect(flow.stage).toBe('stopped')
  })

  it("warns that 'wait' does nothing without 'expect'", async () => {
    const step = await runScenario(sandbox, { inputs: { ...signIn(), wait: '1m' } })
    expect(step.code).toBe(0)
    expect(step.stdout).toContain("::warning::Input 'wait' has no effect without 'expect' (or 'flows'): the call is made once")
    expect(sandbox.requests.filter(request => request.path === '/user')).toHaveLength(1)
  })

  it('selects a non-string value as JSON text', async () => {
    const step = await runScenario(sandbox, { inputs: { ...signIn(), endpoint: '/flows', select: "[?stage=='running'].name" } })
    expect(JSON.parse(step.outputs.value)).toEqual(['Orders sync', 'Invoice mailer'])
  })

  it('exposes the token only with output-token, and masks it', async () => {
    const step = await runScenario(sandbox, { inputs: { ...signIn(), 'output-token': 'true' }, tokenOutputAllowed: true })
    expect(step.code).toBe(0)
    const [token] = sandbox.state.issuedTokens
    expect(step.outputs.token).toBe(token)
    expect(step.masks).toContain(token)
  })

  it('uses a given token without signing in', async () => {
    const token = sandbox.tokenFor()
    const step = await runScenario(sandbox, { inputs: { 'base-url': sandbox.url, token, endpoint: '/user' } })
    expect(step.code).toBe(0)
    expect(step.outputs['user-id']).toBe(DEMO_USER.id)
    expect(sandbox.requests.map(request => request.path)).toEqual(['/user'])
    expect(masksFirst(step, [token])).toBe(true)
  })
})

describe('HTTP errors', () => {
  it('fails with method, path, status and the Boom message', async () => {
    const step = await runScenario(sandbox, { inputs: { ...signIn(), endpoint: '/flows/no-such-flow' } })
    expect(step.code).toBe(1)
    expect(step.outputs).toMatchObject({ result: 'fail', status: '404' })
    expect(step.stdout).toContain('::error::GET /flows/no-such-flow at http://127.0.0.1')
    expect(step.stdout).toContain('returned 404 Not Found: Flow no-such-flow not found.')
  })

  it('returns status and body without failing when fail-on-http-error is false', async () => {
    const step = await runScenario(sandbox, { inputs: { ...signIn(), endpoint: '/flows/no-such-flow', 'fail-on-http-error': 'false' } })
    expect(step.code).toBe(0)
    expect(step.outputs.status).toBe('404')
    expect(JSON.parse(step.outputs.response)).toMatchObject({ statusCode: 404, error: 'Not Found' })
  })

  it('quotes a short excerpt of an HTML error page, never the page', async () => {
    sandbox.fault({ path: '/user', status: 500, raw: `<html><body>${'Internal error '.repeat(500)}</body></html>` })
    const step = await runScenario(sandbox, { inputs: signIn() })
    expect(step.code).toBe(1)
    const error = step.log.find(line => line.startsWith('Error:'))!
    expect(error).toContain('returned 500 Internal Server Error: an HTML page (text/html), not JSON')
    expect(error.length).toBeLessThan(400)
  })

  it('redacts secrets that the server echoes back', async () => {
    sandbox.fault({
      path: '/user',
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: `password ${DEMO_USER.password} is weak` }
    })
    const step = await runScenario(sandbox, { inputs: { ...signIn(), 'fail-on-http-error': 'false' } })
    expect(step.outputs.response).toContain('password *** is weak')
  })

  it('refuses to follow a redirect to another origin with the token', async () => {
    const other = await startSandbox()
    try {
      sandbox.fault({ path: '/user', status: 307, headers: { location: `${other.url}/user` }, body: {} })
      const step = await runScenario(sandbox, { inputs: signIn() })
      expect(step.code).toBe(1)
      expect(step.stdout).toContain(`was redirected to ${other.url}; not followed`)
      expect(other.requests).toHaveLength(0)
    } finally {
      await other.close()
    }
  })

  it('says when the tenant does not resolve', async () => {
    const step = await runScenario(sandbox, {
      inputs: { tenant: 'no-such-tenant-zz9', username: 'a@b.c', password: 'Pw-123456', endpoint: '/user' },
      env: NO_TENANT_DNS
    })
    expect(step.code).toBe(1)
    expect(step.outputs.result).toBe('unavailable')
    expect(step.stdout).toContain(
      '::error::POST /user/auth at https://api.no-such-tenant-zz9.appmixer.cloud failed: the host name does not resolve (ENOTFOUND); check the tenant or base-url input'
    )
    expect(step.log.filter(line => line.includes('retrying'))).toEqual([]) // a name that does not resolve is not retried
  })
})

describe('bad input fails before any request, naming the input', () => {
  it.each([
    [{ method: 'POST', body: '{"command": start}' }, "Input 'body': is not valid JSON"],
    [{ method: 'POST', body: '{}', 'body-file': 'x.json' }, "Input 'body': set either 'body' or 'body-file', not both"],
    [{ method: 'POST', 'body-file': 'missing.json' }, "Input 'body-file': cannot read"],
    [{ method: 'YEET' }, "Input 'method': 'YEET' is not one of"],
    [{ timeout: 'forever' }, "Input 'timeout': 'forever' is not a duration"],
    [{ select: 'flows[?' }, "Input 'select': 'flows[?' is not a valid JMESPath expression"],
    [{ headers: 'X-Trace abc' }, "Input 'headers': line 1 'X-Trace abc' has no ':'"],
    [{ endpoint: 'https://evil.example.com/collect' }, "Input 'endpoint': 'https://evil.example.com/collect' is an absolute URL"],
    [{ endpoint: '//evil.example.com/collect' }, "Input 'endpoint': '//evil.example.com/collect' is an absolute URL"],
    [{ 'base-url': 'http://appmixer.example.com' }, "Input 'base-url': must use https://"]
  ])('%j', async (override, message) => {
    const step = await runScenario(sandbox, { inputs: { ...signIn(), ...override }, debug: true })
    expect(step.code).toBe(1)
    expect(step.outputs.result).toBe('fail')
    expect(step.stdout).toContain(`::error::${message}`)
    expect(sandbox.requests).toHaveLength(0)
  })

  it('refuses a tenant that is not a DNS label', async () => {
    const step = await runScenario(sandbox, { inputs: { tenant: 'evil.example.com/x', username: 'a', password: 'Pw-123456' } })
    expect(step.stdout).toContain("::error::Input 'tenant': 'evil.example.com/x' is not a tenant name")
  })
})
