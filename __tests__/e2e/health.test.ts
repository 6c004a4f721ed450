/**
 * The health checks through dist/index.js under Node 24, as a workflow step runs them:
 * max-unprocessed, check-accounts, hold, and a publish whose bundle.json carries an engine range.
 * runScenario fails a test on any leaked secret (a dead letter here quotes the password).
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, connectorComponent, deadLetters, makeAccount, makeFlow, unprocessedMessage } from '../../sandbox/seed.js'
import { ROOT } from '../../scripts/local-runner.js'
import { runScenario, signInTo, type Sandbox } from '../helpers/scenario.js'

let sandbox: Sandbox

afterEach(() => sandbox?.close())

describe('health checks step', () => {
  it('max-unprocessed: fails over the budget, with the newest messages in the summary, redacted', async () => {
    const flow = makeFlow('Orders sync')
    const leaky = unprocessedMessage(flow.flowId, {
      created: '2026-11-28T10:30:00.000Z',
      err: JSON.stringify({ message: `login refused for ${DEMO_USER.username} with password ${DEMO_USER.password}` })
    })
    sandbox = await startSandbox({ flows: [flow], unprocessed: [...deadLetters(flow.flowId, 2, { now: Date.now() }), leaky] })
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), flows: 'Orders sync', 'max-unprocessed': '2' } })
    expect(step.code).toBe(1)
    expect(step.outputs.result).toBe('fail')
    expect(JSON.parse(step.outputs.flows)).toEqual([expect.objectContaining({ name: 'Orders sync', unprocessed: 3, accounts: null })])
    expect(step.stdout).toContain('3 unprocessed messages, budget 2')
    expect(step.summary).toContain('Newest unprocessed messages:')
    expect(step.summary).toContain('with password \\*\\*\\*')
  })

  it('max-unprocessed: passes within the budget', async () => {
    const flow = makeFlow('Orders sync')
    sandbox = await startSandbox({ flows: [flow], unprocessed: deadLetters(flow.flowId, 2, { now: Date.now() }) })
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), flows: 'Orders sync', 'max-unprocessed': '2' } })
    expect(step.code).toBe(0)
    expect(JSON.parse(step.outputs.flows)[0]).toMatchObject({ unprocessed: 2 })
  })

  it('check-accounts: an invalid account fails before any command is sent, naming it and its flow', async () => {
    const slack = makeAccount('appmixer:slack', { test: 'invalid', displayName: 'Ops Slack' })
    const flow = makeFlow('Orders sync', 'stopped')
    const [componentId, component] = connectorComponent('appmixer.slack.list.SendChannelMessage')
    flow.flow = { ...flow.flow, [componentId]: component }
    sandbox = await startSandbox({ flows: [flow], accounts: [slack], assignments: { [componentId]: slack.accountId } })
    const step = await runScenario(sandbox, {
      inputs: { ...signInTo(sandbox), flows: 'Orders sync', command: 'start', 'check-accounts': 'true' }
    })
    expect(step.code).toBe(1)
    expect(step.stdout).toContain(
      "::error::No start sent: 1 account not valid: 'Ops Slack' (appmixer:slack) is invalid, used by 'Orders sync'"
    )
    expect(sandbox.requests.some(request => request.path.endsWith('/coordinator'))).toBe(false)
    expect(JSON.parse(step.outputs.flows)[0].accounts).toEqual([
      { accountId: slack.accountId, service: 'appmixer:slack', name: 'Ops Slack', status: 'invalid' }
    ])
    expect(JSON.parse(step.outputs.changed)).toEqual([])
  })

  it('check-accounts: passes with every account valid', async () => {
    const slack = makeAccount('appmixer:slack', { test: 'ok' })
    const flow = makeFlow('Orders sync')
    const [componentId, component] = connectorComponent('appmixer.slack.list.SendChannelMessage')
    flow.flow = { ...flow.flow, [componentId]: component }
    sandbox = await startSandbox({ flows: [flow], accounts: [slack], assignments: { [componentId]: slack.accountId } })
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), flows: 'Orders sync', 'check-accounts': 'true' } })
    expect(step.code).toBe(0)
    expect(step.summary).toContain('their accounts valid')
    expect(step.summary).toContain('✅ slack@example.com')
  })

  it('hold: keeps checking after the gate passed, and says the window held', async () => {
    sandbox = await startSandbox()
    const step = await runScenario(sandbox, {
      inputs: { ...signInTo(sandbox), flows: 'Orders sync', hold: '1s', 'poll-interval': '250ms' }
    })
    expect(step.code).toBe(0)
    expect(step.stdout).toContain('Held 1s: 4 checks, all passed.')
    expect(step.summary).toContain("### Appmixer ✅ pass: gate on 'Orders sync' · hold 1s")
    expect(step.summary).toContain('Held 1s: 4 checks, all passed.')
    expect(JSON.parse(step.outputs.flows)).toHaveLength(1)
  })

  it('hold: without flows is bad input, before any request', async () => {
    sandbox = await startSandbox()
    const step = await runScenario(sandbox, { inputs: { ...signInTo(sandbox), endpoint: '/user', hold: '10m' } })
    expect(step.code).toBe(1)
    expect(step.stdout).toContain("Input 'flows': is empty, but 'hold' is set")
    expect(sandbox.requests).toEqual([])
  })

  it('publish: checks the engine range against GET / before the upload', async () => {
    sandbox = await startSandbox({ version: '6.4.0' })
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'health-e2e-'))
    const folder = path.join(workspace, 'connectors', 'crm')
    cpSync(path.join(ROOT, 'sandbox', 'connectors', 'crm'), folder, { recursive: true })
    writeFileSync(path.join(folder, 'bundle.json'), JSON.stringify({ name: 'acme.crm', version: '1.0.0', engine: '>=7.0.0' }))
    const refused = await runScenario(sandbox, { workspace, inputs: { ...signInTo(sandbox), publish: 'connectors/crm' } })
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain('::error title=Appmixer connector,file=connectors/crm/bundle.json::acme.crm needs Appmixer')
    expect(refused.stdout).toContain("runs '6.4.0'; not uploaded")
    expect(sandbox.state.uploads.size).toBe(0)

    writeFileSync(path.join(folder, 'bundle.json'), JSON.stringify({ name: 'acme.crm', version: '1.0.0', engine: '^6.2.0' }))
    const published = await runScenario(sandbox, { workspace, inputs: { ...signInTo(sandbox), publish: 'connectors/crm' } })
    expect(published.code).toBe(0)
    expect(sandbox.state.uploads.size).toBe(1)
  })
})
