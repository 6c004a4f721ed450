/**
 * Flows as code through dist/index.js under Node 24: export from one sandbox, plan and check
 * against another, apply, roll an integration template out, and the round trip (export, apply
 * elsewhere, export again) giving the same bytes.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startSandbox } from '../../sandbox/server.js'
import { makeFlow } from '../../sandbox/seed.js'
import { runScenario, signInTo, type Sandbox } from '../helpers/scenario.js'

const UPTIME = { type: 'appmixer.utils.http.Uptime', label: 'Uptime', source: {}, x: 110, y: 90, config: {}, version: '1.2.0' }
const SLACK = {
  type: 'appmixer.slack.list.Send',
  label: 'Send',
  source: { in: { up: ['out'] } },
  x: 300,
  y: 90,
  config: { properties: { channel: 'C1', account: 'acc-staging' } },
  version: '4.2.0'
}

const opened: Sandbox[] = []
async function open(options: Parameters<typeof startSandbox>[0]): Promise<Sandbox> {
  const sandbox = await startSandbox(options)
  opened.push(sandbox)
  return sandbox
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map(sandbox => sandbox.close()))
})

const stagingFlows = () => [
  makeFlow('Orders sync', 'running', {
    flowId: 'orders-1',
    description: 'Syncs orders',
    type: 'automation',
    customFields: { team: 'billing', env: 'staging' },
    flow: { up: UPTIME, send: SLACK }
  }),
  makeFlow('Invoice mailer', 'stopped', { flowId: 'invoice-1', type: 'automation', flow: { up: UPTIME } })
]

/** Requests that could change something: anything but a read or the sign-in. */
const writes = (sandbox: Sandbox) =>
  sandbox.requests.filter(({ method, path }) => method !== 'GET' && path !== '/user/auth').map(({ method, path }) => `${method} ${path}`)

const filesOf = (workspace: string, folder: string) =>
  Object.fromEntries(
    readdirSync(path.join(workspace, folder))
      .sort()
      .map(name => [name, readFileSync(path.join(workspace, folder, name), 'utf8')])
  )

describe('flows as code, end to end', () => {
  it('exports, plans, applies to another tenant, checks, and exports again to the same bytes', async () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'flows-e2e-'))
    const staging = await open({ flows: stagingFlows() })
    const exported = await runScenario(staging, {
      workspace,
      inputs: { ...signInTo(staging), export: 'flows', flows: 'Orders sync\nInvoice mailer' }
    })
    expect(exported.code).toBe(0)
    expect(exported.outputs.result).toBe('pass')
    expect(JSON.parse(exported.outputs.exported)).toEqual([
      { flowId: 'orders-1', name: 'Orders sync', file: 'flows/orders-sync.json' },
      { flowId: 'invoice-1', name: 'Invoice mailer', file: 'flows/invoice-mailer.json' }
    ])
    expect(exported.summary).toContain('### Appmixer ✅ pass: export flows')
    const first = filesOf(workspace, 'flows')
    expect(first['orders-sync.json']).not.toContain('acc-staging')
    expect(writes(staging)).toEqual([])

    const production = await open({ flows: [] })
    const plan = await runScenario(production, { workspace, inputs: { ...signInTo(production), deploy: 'flows', 'deploy-mode': 'plan' } })
    expect(plan.code).toBe(0)
    expect(JSON.parse(plan.outputs.changes).map((entry: { change: string }) => entry.change)).toEqual(['create', 'create'])
    expect(plan.outputs.changed).toBe('[]')
    expect(plan.summary).toContain('Deploy `flows` (plan): 2 to create, 0 to update, 0 unchanged')
    expect(writes(production)).toEqual([])

    const drift = await runScenario(production, { workspace, inputs: { ...signInTo(production), deploy: 'flows', 'deploy-mode': 'check' } })
    expect(drift.code).toBe(1)
    expect(drift.outputs.result).toBe('fail')
    expect(drift.stdout).toMatch(
      /::error title=Appmixer flow drift,file=flows\/orders-sync.json::Flow 'Orders sync' is not on the tenant: a deploy would create it/
    )
    expect(writes(production)).toEqual([])

    const applied = await runScenario(production, { workspace, inputs: { ...signInTo(production), deploy: 'flows' } })
    expect(applied.code).toBe(0)
    expect(JSON.parse(applied.outputs.changed)).toEqual([
      { flowId: 'invoice-1', name: 'Invoice mailer', action: 'create', before: 'absent', after: 'stopped' },
      { flowId: 'orders-1', name: 'Orders sync', action: 'create', before: 'absent', after: 'stopped' }
    ])
    // Created flows are stopped, as Appmixer creates them, and the gate holds them to that.
    expect(JSON.parse(applied.outputs.flows).map((flow: { stage: string }) => flow.stage)).toEqual(['stopped', 'stopped'])

    const clean = await runScenario(production, { workspace, inputs: { ...signInTo(production), deploy: 'flows', 'deploy-mode': 'check' } })
    expect(clean.code).toBe(0)

    const again = await runScenario(production, {
      workspace,
      inputs: { ...signInTo(production), export: 'again', flows: 'orders-1\ninvoice-1' }
    })
    expect(again.code).toBe(0)
    expect(filesOf(workspace, 'again')).toEqual(first)
  })

  it('rolls a deployed integration template out to its instances', async () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'flows-e2e-'))
    const sandbox = await open({
      integrations: { inProgressReads: 1 },
      flows: [
        makeFlow('CRM sync', 'stopped', { flowId: 'template-1', type: 'integration-template', flow: { up: UPTIME } }),
        makeFlow('CRM sync (Acme)', 'running', { flowId: 'instance-1', type: 'integration-instance', originFlowId: 'template-1' })
      ]
    })
    await runScenario(sandbox, { workspace, inputs: { ...signInTo(sandbox), export: 'flows', flows: 'template-1' } })
    sandbox.flowNamed('CRM sync')!.flow = { up: { ...UPTIME, label: 'Old' } }
    const step = await runScenario(sandbox, {
      workspace,
      inputs: { ...signInTo(sandbox), deploy: 'flows', 'update-instances': 'true', 'poll-interval': '100ms' }
    })
    expect(step.code).toBe(0)
    expect(step.summary).toContain('| CRM sync | completed (1 of 1 instances) |')
    expect((sandbox.flowNamed('CRM sync (Acme)')!.flow as Record<string, { label: string }>).up.label).toBe('Uptime')
  })

  it('fails a failed rollout, naming its error, with output changed set', async () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'flows-e2e-'))
    const sandbox = await open({
      integrations: { failWith: 'Instance 42 refused the update' },
      flows: [makeFlow('CRM sync', 'stopped', { flowId: 'template-1', type: 'integration-template', flow: { up: UPTIME } })]
    })
    await runScenario(sandbox, { workspace, inputs: { ...signInTo(sandbox), export: 'flows', flows: 'template-1' } })
    sandbox.flowNamed('CRM sync')!.flow = { up: { ...UPTIME, label: 'Old' } }
    const step = await runScenario(sandbox, {
      workspace,
      inputs: { ...signInTo(sandbox), deploy: 'flows', 'update-instances': 'true', 'poll-interval': '100ms' }
    })
    expect(step.code).toBe(1)
    expect(step.stdout).toContain(
      "::error::The rollout of integration template 'template-1' to its instances failed: 'Instance 42 refused the update'"
    )
    expect(JSON.parse(step.outputs.changed)).toMatchObject([{ flowId: 'template-1', action: 'update' }])
  })

  it('refuses contradictions and bad flow files before any request', async () => {
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'flows-e2e-'))
    const sandbox = await open({ flows: stagingFlows() })
    const both = await runScenario(sandbox, {
      workspace,
      inputs: { ...signInTo(sandbox), deploy: 'flows', export: 'out', flows: 'Orders sync' }
    })
    expect(both.code).toBe(1)
    expect(both.stdout).toContain("Input 'deploy': cannot be combined with 'export'")
    const missing = await runScenario(sandbox, { workspace, inputs: { ...signInTo(sandbox), deploy: 'nowhere' } })
    expect(missing.stdout).toContain("Input 'deploy': 'nowhere' does not exist in the workspace")
    expect(sandbox.requests).toEqual([])
  })
})
