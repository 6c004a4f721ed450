/**
 * A hostile world, end to end: servers that echo secrets, hang or ignore paging, and
 * inputs that are huge, odd or malformed. Each case failed on v1.0.0 and must hold now.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, makeFlow } from '../../sandbox/seed.js'
import { runScenario, signInTo, type Sandbox } from '../helpers/scenario.js'

let sandbox: Sandbox

afterEach(() => sandbox?.close())

const longestLine = (text: string) => Math.max(...text.split('\n').map(line => line.length))
const STACK = /\n\s+at .+\(.*:\d+:\d+\)/

describe('secrets that survive formatting', () => {
  it('1a. a password with a tab, double space and lone CR, echoed in an error body, stays masked', async () => {
    const password = 'Pa\tss  word\rSecret-42'
    sandbox = await startSandbox({ users: [{ ...DEMO_USER, password }] })
    sandbox.fault({
      path: '/user/auth',
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: `Invalid password ${password}` }
    })
    const step = await runScenario(sandbox, {
      inputs: { ...signInTo(sandbox), endpoint: '/user', password },
      // The folded form is what v1 printed.
      secrets: [password.replace(/\s+/g, ' ')]
    })
    expect(step.code).toBe(1)
    expect(step.stdout).toContain('Invalid password ***')
  })

  it('1b. a password echoed across the excerpt cut is masked, not shown in part', async () => {
    sandbox = await startSandbox()
    const password = DEMO_USER.password
    sandbox.fault({
      path: '/user/auth',
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: `${'x'.repeat(190)}${password}` }
    })
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), endpoint: '/user' }, secrets: [password.slice(0, 10)] })
    expect(step.code).toBe(1)
  })

  it('2. a malformed base-url with credentials is never quoted back, and its password is masked', async () => {
    const step = await runScenario(undefined, {
      inputs: { 'base-url': 'http://ci:Sup3rS3cretPass@127.0.0.1:45678999', username: 'u', password: 'p-secret' },
      secrets: ['Sup3rS3cretPass']
    })
    expect(step.code).toBe(1)
    expect(step.stdout).toContain("::error::Input 'base-url': contains credentials")
    expect(step.masks).toContain('Sup3rS3cretPass')
  })
})

describe('outputs within their limits', () => {
  it('3. a select result over the safe size goes to value-file, not GITHUB_OUTPUT', async () => {
    const flows = Array.from({ length: 1_500 }, (_, i) => makeFlow(`Flow ${i}`, 'running', { description: 'd'.repeat(800) }))
    sandbox = await startSandbox({ flows })
    const runnerTemp = mkdtempSync(path.join(os.tmpdir(), 'runner-temp-'))
    const step = await runScenario(sandbox, {
      env: { RUNNER_TEMP: runnerTemp },
      inputs: { ...signInTo(sandbox), endpoint: '/flows', query: 'limit=5000', select: '[].description' }
    })
    expect(step.code).toBe(0)
    expect(step.outputs.value).toBe('')
    expect(JSON.parse(readFileSync(step.outputs['value-file'], 'utf8'))).toHaveLength(1_500)
    expect(step.stdout).toMatch(/::warning::Output 'value' \(1\.\d MiB\) is larger than is safe/)
  })

  it('4. JSON nested 50,000 deep: the status, response and select still work, with no stack trace', async () => {
    sandbox = await startSandbox()
    const deep = '['.repeat(50_000) + ']'.repeat(50_000)
    sandbox.fault({ path: '/user', status: 200, raw: deep })
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), endpoint: '/user', select: 'type(@)' } })
    expect(step.code).toBe(0)
    expect(step.outputs).toMatchObject({ result: 'pass', status: '200', value: 'array', response: deep })
    expect(step.stdout).not.toContain('Could not write the response file')
    expect(step.stdout).toContain('nested too deeply to re-serialise')
    expect(step.stdout + step.stderr).not.toMatch(STACK)
  })
})

describe('input that cannot hurt', () => {
  it('5. a header value outside Latin-1 is bad input, before sign-in', async () => {
    sandbox = await startSandbox()
    const step = await runScenario(sandbox, {
      inputs: { ...signInTo(sandbox), endpoint: '/user', headers: 'X-Note: Zahlungseingänge ✓', 'on-unavailable': 'pass' }
    })
    expect(step.code).toBe(1)
    expect(step.outputs.result).toBe('fail')
    expect(step.stdout).toContain("::error::Input 'headers': the value of 'X-Note' has '✓'")
    expect(sandbox.requests).toHaveLength(0)
  })

  it.each([
    [{ timeout: '3000000' }, 'timeout'],
    [{ wait: '1000h', expect: 'id' }, 'wait'],
    [{ wait: '1h', 'poll-interval': '1000h', expect: 'id' }, 'poll-interval']
  ])('6. a duration beyond what Node timers hold is bad input: %j', async (inputs, input) => {
    sandbox = await startSandbox()
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), endpoint: '/user', ...inputs } })
    expect(step.code).toBe(1)
    expect(step.stdout).toContain(`::error::Input '${input}': `)
    expect(sandbox.requests).toHaveLength(0)
  })
})

describe('a wait that bounds everything', () => {
  it('7. with GET /flows hanging, the flow gate ends within wait plus one timeout', async () => {
    sandbox = await startSandbox()
    sandbox.fault({ path: '/flows', hang: true, times: 100 })
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), flows: 'Orders sync', wait: '4s', timeout: '3s' } })
    expect(step.outputs.result).toBe('unavailable')
    // wait (4s) + one timeout (3s) + Node's start-up; v1 took 13-17 s.
    expect(step.durationMs).toBeLessThan(9_500)
  })

  it('8. a server that ignores offset and limit cannot make resolution loop', async () => {
    // A server that ignores pattern too, so the lookup pages through the whole account.
    sandbox = await startSandbox({
      flows: Array.from({ length: 250 }, (_, i) => makeFlow(`Flow ${i}`)),
      ignorePaging: true,
      patternMode: 'ignored'
    })
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), flows: 'Flow 3' }, timeoutMs: 20_000 })
    expect(step.code).toBe(0)
    expect(sandbox.requests.filter(request => request.path === '/flows')).toHaveLength(2)
    expect(step.log).toContain('GET /flows paging looked broken: page 2 brought no new flows, so the listing stops at 250 flows')
  })
})

describe('errors quote bounded, visible text', () => {
  it('9a. a 431 does not quote a 40,000-character URL', async () => {
    sandbox = await startSandbox()
    sandbox.fault({
      path: '/flows',
      status: 431,
      body: { statusCode: 431, error: 'Request Header Fields Too Large', message: 'too large' }
    })
    const step = await runScenario(sandbox, {
      inputs: { ...signInTo(sandbox), endpoint: '/flows', query: `pattern=${'a'.repeat(40_000)}` }
    })
    expect(step.code).toBe(1)
    expect(longestLine(step.stdout)).toBeLessThan(2_000)
  })

  it('9b. a long flows entry is cut short in the error', async () => {
    sandbox = await startSandbox()
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), flows: 'x'.repeat(8_800) } })
    expect(step.code).toBe(1)
    expect(longestLine(step.stdout)).toBeLessThan(2_000)
  })

  it('9c. U+2028 and ESC from a flows entry are made visible, never written raw', async () => {
    sandbox = await startSandbox()
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), flows: 'Orders\u2028sync\u001b[31m' } })
    expect(step.code).toBe(1)
    expect(step.stdout).not.toContain('\u2028')
    expect(step.stdout).not.toContain('\u001b')
    expect(step.stdout).toContain('Orders\\u2028sync\\u001b[31m')
  })
})
