/**
 * The orchestrator in-process: `run()` with a fake runner protocol (the __fixtures__ pattern of
 * actions/typescript-action) against the sandbox on a virtual clock. Fast enough to try every
 * ending; the e2e suite runs the same paths through dist/ under Node 24.
 */
import { randomUUID } from 'node:crypto'
import { rmSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, makeFlow } from '../../sandbox/seed.js'
import { run } from '../../src/main.js'
import { virtualClock } from '../helpers/clock.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
let sandbox: Sandbox

afterEach(() => sandbox?.close())

async function runWith(inputs: Record<string, string>) {
  const { runner, recorded } = fakeRunner({
    'base-url': sandbox.url,
    username: DEMO_USER.username,
    password: DEMO_USER.password,
    ...inputs
  })
  const { clock } = virtualClock()
  await run(runner, clock, { GITHUB_WORKSPACE: '/tmp' })
  return recorded
}

describe('run()', () => {
  it('signs in, makes the call, and writes result, status, user-id and response', async () => {
    sandbox = await startSandbox()
    const recorded = await runWith({ endpoint: '/flows', select: 'length(@)' })
    expect(recorded.failed).toBeUndefined()
    expect(recorded.outputs).toMatchObject({ result: 'pass', status: '200', 'user-id': DEMO_USER.id, value: '3' })
    expect(JSON.parse(recorded.outputs.response)).toHaveLength(3)
    expect(recorded.secrets.slice(0, 1)).toEqual([DEMO_USER.password])
    expect(recorded.summary.join('')).toContain('### Appmixer ✅ pass: GET /flows → 200 OK')
  })

  it("writes a user id as the action's own word only when no secret of 6 characters or more hides in it", async () => {
    sandbox = await startSandbox()
    // A 2-character password found twice beside an 8-character token: the average match is short, the token is not.
    sandbox.fault({ method: 'POST', path: '/user/auth', status: 200, times: 5, body: { token: 'hunter99', user: { id: 'abhunter99ab' } } })
    const recorded = await runWith({ endpoint: '/user', password: 'ab' })
    expect(recorded.outputs['user-id']).toBeDefined()
    expect(recorded.outputs['user-id']).not.toContain('hunter99')
  })

  it('refuses a response-file through a link out of the workspace before any request', async () => {
    sandbox = await startSandbox()
    const link = path.join('/tmp', `response-link-${randomUUID()}`)
    symlinkSync('/etc', link)
    try {
      const recorded = await runWith({ endpoint: '/flows', method: 'POST', body: '{}', 'response-file': `${path.basename(link)}/out.json` })
      expect(recorded.failed).toContain("Input 'response-file'")
      expect(sandbox.requests).toHaveLength(0)
    } finally {
      rmSync(link)
    }
  })

  it('fails bad input before any request, naming the input', async () => {
    sandbox = await startSandbox()
    const recorded = await runWith({ endpoint: '/user', method: 'FETCH' })
    expect(recorded.failed).toBe("Input 'method': 'FETCH' is not one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS")
    expect(recorded.outputs.result).toBe('fail')
    expect(sandbox.requests).toHaveLength(0)
  })

  it('prints the warnings config found', async () => {
    sandbox = await startSandbox()
    const recorded = await runWith({ endpoint: '/user', wait: '1m' })
    expect(recorded.annotations).toContainEqual({
      kind: 'warning',
      message: "Input 'wait' has no effect without 'expect' (or 'flows'): the call is made once",
      properties: {}
    })
  })

  it('ends a flow gate that times out with one annotation per holding flow and the verdict', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync'), makeFlow('Legacy import', 'stopped')] })
    const recorded = await runWith({ flows: 'Orders sync\nLegacy import', wait: '1m', 'poll-interval': '20s' })
    expect(recorded.outputs.result).toBe('timeout')
    expect(recorded.annotations.filter(annotation => annotation.kind === 'error')).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^Flow 'Legacy import' \(.*\) is stopped, expected running$/) })
    ])
    expect(recorded.failed).toMatch(/^Flow gate timed out after waiting 1m: 1 of 2 flows not as required/)
    expect(recorded.lines.filter(line => line.startsWith('Check '))).toHaveLength(3)
  })

  it('keeps the status of a refused call and its body as outputs', async () => {
    sandbox = await startSandbox()
    const recorded = await runWith({ endpoint: '/flows/nope' })
    expect(recorded.outputs).toMatchObject({ result: 'fail', status: '404' })
    expect(JSON.parse(recorded.outputs.response)).toMatchObject({ statusCode: 404 })
    expect(recorded.failed).toMatch(/^GET \/flows\/nope at .* returned 404 Not Found: Flow nope not found\./)
  })
})
