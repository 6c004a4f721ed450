/** The inputs of flows as code: export, deploy, deploy-mode, update-instances, and what they make of the gate and the wait. */
import { configParser, inputErrorOf as errorOf } from '../helpers/config.js'

const SIGN_IN = { tenant: 'acme', username: 'ops@acme.com', password: 's3cret', 'update-instances': 'false' }
const configOf = configParser(SIGN_IN)
const inputErrorOf = (inputs: Record<string, string>) => errorOf(() => configOf(inputs))

describe('deploy', () => {
  it('is a step of its own: apply by default, each deployed flow back in its stage, no wait', () => {
    const config = configOf({ deploy: 'flows' })
    expect(config.deploy).toEqual({ input: 'flows', mode: 'apply', updateInstances: false, keepStages: true })
    // The deployed flows are gated, though none are listed.
    expect(config.gate).toMatchObject({ flows: [], stage: 'running' })
    expect(config.waiting.waitMs).toBe(0)
  })

  it('takes plan and check, which deploy nothing and so gate nothing unless flows are listed', () => {
    expect(configOf({ deploy: 'flows', 'deploy-mode': 'Plan' }).deploy?.mode).toBe('plan')
    expect(configOf({ deploy: 'flows', 'deploy-mode': 'check' }).gate).toBeUndefined()
    expect(configOf({ deploy: 'flows', 'deploy-mode': 'check', flows: 'Orders sync' }).gate?.flows).toEqual(['Orders sync'])
    expect(inputErrorOf({ deploy: 'flows', 'deploy-mode': 'plan', command: 'start' }).message).toBe(
      "Input 'flows': is empty, but 'command' is set (deploy-mode plan deploys nothing to gate); list the flows to gate on, one id or name a line"
    )
    expect(inputErrorOf({ deploy: 'flows', 'deploy-mode': 'dry-run' }).input).toBe('deploy-mode')
  })

  it('gates the deployed flows on command or stage when given (then no flow keeps its own stage)', () => {
    expect(configOf({ deploy: 'flows', command: 'restart' })).toMatchObject({
      deploy: { keepStages: false },
      gate: { flows: [], stage: 'running', command: 'restart' },
      waiting: { waitMs: 120_000 }
    })
    expect(configOf({ deploy: 'flows', stage: 'stopped' }).deploy?.keepStages).toBe(false)
    expect(configOf({ deploy: 'flows', 'max-errors': '0' })).toMatchObject({ deploy: { keepStages: true }, gate: { maxErrors: 0 } })
  })

  it('follows a rollout for up to 5m without a wait, and for the wait given', () => {
    expect(configOf({ deploy: 'flows', 'update-instances': 'true' }).waiting.waitMs).toBe(300_000)
    expect(configOf({ deploy: 'flows', 'update-instances': 'true', command: 'start' }).waiting.waitMs).toBe(300_000)
    expect(configOf({ deploy: 'flows', 'update-instances': 'true', wait: '30s' }).waiting.waitMs).toBe(30_000)
    // A plan rolls nothing out: no wait of its own.
    expect(configOf({ deploy: 'flows', 'update-instances': 'true', 'deploy-mode': 'plan' }).waiting.waitMs).toBe(0)
  })

  it.each([
    [{ deploy: 'flows', export: 'out', flows: 'A' }, 'deploy', /cannot be combined with 'export'/],
    [{ 'deploy-mode': 'plan', flows: 'A' }, 'deploy-mode', /'deploy' is empty/],
    [{ 'update-instances': 'true', flows: 'A' }, 'update-instances', /'deploy' is empty/],
    [{ 'update-instances': 'maybe', deploy: 'flows' }, 'update-instances', /not a boolean/],
    [{ deploy: '../elsewhere' }, 'deploy', /outside the workspace/],
    [{ deploy: '/etc/flows' }, 'deploy', /outside the workspace/],
    [{ deploy: 'flows', endpoint: '/user' }, 'endpoint', /cannot be combined with 'deploy'/]
  ])('refuses %j before any request', (inputs, input, message) => {
    const error = inputErrorOf(inputs)
    expect(error.input).toBe(input)
    expect(error.message).toMatch(message)
  })

  it('takes an absolute path inside the workspace', () => {
    expect(configOf({ deploy: '/work/space/flows' }).deploy?.input).toBe('/work/space/flows')
  })
})

describe('export', () => {
  it('exports the listed flows and does not gate on them', () => {
    const config = configOf({ export: 'flows', flows: 'Orders sync\nInvoice mailer', 'flow-filter': 'type:automation' })
    expect(config.export).toEqual({ input: 'flows', flows: ['Orders sync', 'Invoice mailer'], flowFilter: ['type:automation'] })
    expect(config.gate).toBeUndefined()
  })

  it('gates as well when stage, command or max-errors asks for it', () => {
    expect(configOf({ export: 'flows', flows: 'A', stage: 'running' }).gate).toMatchObject({ flows: ['A'], stage: 'running' })
    expect(configOf({ export: 'flows', flows: 'A', command: 'stop' }).gate).toMatchObject({ stage: 'stopped' })
    expect(configOf({ export: 'flows', flows: 'A', 'max-errors': '0' }).gate).toMatchObject({ maxErrors: 0 })
  })

  it.each([
    [{ export: 'flows' }, 'export', /needs 'flows'/],
    [{ export: '../out', flows: 'A' }, 'export', /outside the workspace/],
    [{ export: 'flows', flows: 'A', endpoint: '/flows' }, 'endpoint', /cannot be combined with 'export'/]
  ])('refuses %j before any request', (inputs, input, message) => {
    const error = inputErrorOf(inputs)
    expect(error.input).toBe(input)
    expect(error.message).toMatch(message)
  })
})

describe('intent', () => {
  it('counts deploy and export as something to do, and nothing else as that', () => {
    expect(() => configOf({ deploy: 'flows', 'deploy-mode': 'plan' })).not.toThrow()
    expect(inputErrorOf({}).message).toMatch(/nothing to check: set flows \(a gate\), endpoint \(a call\), publish, deploy or export/)
  })
})
