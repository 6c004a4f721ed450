/**
 * The runner protocol, end to end: dist/index.js under Node 24, its stdout read by a port of
 * the runner's own command parser and masker (scripts/local-runner.js). Text from Appmixer must
 * not forge commands, a multi-line secret is masked whole and line by line, a short password
 * does not garble the action's own outputs, and output `token` is the token in use at the end.
 */
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, makeFlow } from '../../sandbox/seed.js'
import { runStep } from '../../scripts/local-runner.js'
import { runScenario, signInTo, type Sandbox } from '../helpers/scenario.js'

let sandbox: Sandbox

afterEach(() => sandbox?.close())

/** A flow that is stopped for a few reads, then runs: the gate waits, and tokens expire meanwhile. */
const slowFlow = (name: string) => makeFlow(name, 'stopped', { upcomingStages: ['stopped', 'stopped', 'stopped', 'stopped', 'running'] })

describe('workflow commands from Appmixer text', () => {
  it('cannot forge an output with an old-style ##[set-output] in a flow name', async () => {
    const name = 'Audit ##[set-output name=response]{"forged":true}'
    sandbox = await startSandbox({ flows: [makeFlow(name)] })
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), flows: name } })
    expect(step.code).toBe(0)
    expect(step.outputs.response).toBeUndefined()
    expect(step.log.join('\n')).toContain("Gating on 1 flow: 'Audit #")
    expect(JSON.parse(step.outputs.flows)[0].name).toBe(name)
  })

  it('cannot stop the runner from reading commands, so a token from a re-sign-in is still masked', async () => {
    const name = 'Nightly ##[stop-commands]pause-token'
    sandbox = await startSandbox({ flows: [slowFlow(name)], tokenLifetimeSeconds: 1 })
    const step = await runScenario(sandbox, {
      inputs: { ...signInTo(sandbox), flows: name, wait: '20s', 'poll-interval': '700ms' }
    })
    expect(step.code).toBe(0)
    expect(sandbox.state.issuedTokens.length).toBeGreaterThan(1)
    // Every token was registered with the runner, including those after the flow name was printed.
    for (const token of sandbox.state.issuedTokens) expect(step.masks).toContain(token)
  })

  it('cannot start a command at a line start with :: from a flow name', async () => {
    const name = '::error::forged annotation'
    sandbox = await startSandbox({ flows: [makeFlow(name)] })
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), flows: name } })
    expect(step.code).toBe(0)
    expect(step.log.some(line => line.startsWith('Error: forged annotation'))).toBe(false)
  })
})

describe('secrets and the action own words', () => {
  it('masks a multi-line password whole and line by line, also when the server echoes it', async () => {
    const password = 'first-line-of-it\nsecond-line-of-it'
    sandbox = await startSandbox({ users: [{ ...DEMO_USER, password }] })
    sandbox.fault({ path: '/user', status: 400, body: { statusCode: 400, error: 'Bad Request', message: `Echo ${password}` } })
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), endpoint: '/user', password } })
    expect(step.code).toBe(1)
    expect(step.masks).toEqual(expect.arrayContaining([password, 'first-line-of-it', 'second-line-of-it']))
    expect(step.stdout).toContain('::add-mask::first-line-of-it%0Asecond-line-of-it')
  })

  it('keeps result, status and user-id intact under a one-character password', async () => {
    sandbox = await startSandbox({ users: [{ ...DEMO_USER, password: 'a' }] })
    // The leak scan cannot run here: the letter 'a' is in every text. What matters is the outputs.
    const step = await runStep({ inputs: { ...signInTo(sandbox), endpoint: '/user', password: 'a' } })
    expect(step.code).toBe(0)
    expect(step.outputs.result).toBe('pass')
    expect(step.outputs.status).toBe('200')
    expect(step.outputs['user-id']).toBe(DEMO_USER.id)
  })

  it('outputs the token in use at the end, after a re-sign-in', async () => {
    sandbox = await startSandbox({ flows: [slowFlow('Orders sync')], tokenLifetimeSeconds: 1 })
    const step = await runScenario(sandbox, {
      inputs: { ...signInTo(sandbox), flows: 'Orders sync', wait: '20s', 'poll-interval': '700ms', 'output-token': 'true' },
      tokenOutputAllowed: true
    })
    expect(step.code).toBe(0)
    expect(sandbox.state.issuedTokens.length).toBeGreaterThan(1)
    expect(step.outputs.token).toBe(sandbox.state.issuedTokens.at(-1))
  })
})
