/**
 * Flows as code against the real sandbox, over the real client: export from one tenant, deploy
 * to another, export again and get the same bytes; a running flow keeps its bindings and its
 * engine-stamped versions; a plan and an unchanged flow write nothing.
 */
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_FLOW_IDS, makeFlow } from '../../sandbox/seed.js'
import type { FlowApi } from '../../src/flows-as-code/api.js'
import { applyPlans } from '../../src/flows-as-code/apply.js'
import { planDeploy } from '../../src/flows-as-code/deploy.js'
import { exportFlows } from '../../src/flows-as-code/export.js'
import { readDeployFiles } from '../../src/flows-as-code/read-deploy.js'
import { rollOut } from '../../src/flows-as-code/rollout.js'
import { clientFor } from '../helpers/client.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
const SLACK = {
  type: 'appmixer.slack.list.Send',
  label: 'Send',
  source: { in: { up: ['out'] } },
  x: 300,
  y: 90,
  config: { properties: { channel: 'C1' } }
}
const UPTIME = { type: 'appmixer.utils.http.Uptime', label: 'Uptime', source: {}, x: 110, y: 90, config: {} }

let staging: Sandbox
let production: Sandbox
let workspace: string
const opened: Sandbox[] = []

async function open(options: Parameters<typeof startSandbox>[0]) {
  const sandbox = await startSandbox(options)
  opened.push(sandbox)
  return sandbox
}
/** The real client is a FlowApi. */
const apiOf = (sandbox: Sandbox): FlowApi => clientFor(sandbox.url).client
/** Requests that could change something: anything but a read or a sign-in. */
const writes = (sandbox: Sandbox) => sandbox.requests.filter(({ method, path }) => method !== 'GET' && path !== '/user/auth')

async function exportTo(sandbox: Sandbox, folder: string, flowIds: string[]) {
  await mkdir(path.join(workspace, folder), { recursive: true })
  const exported = await exportFlows(apiOf(sandbox), flowIds)
  for (const { fileName, text } of exported) await writeFile(path.join(workspace, folder, fileName), text)
  return exported
}

beforeEach(async () => {
  workspace = await realpath(await mkdtemp(path.join(tmpdir(), 'flows-as-code-')))
  staging = await open({
    flows: [
      makeFlow('Orders sync', 'running', {
        flowId: 'orders-1',
        description: 'Syncs orders',
        type: 'automation',
        customFields: { team: 'billing', env: 'staging' },
        thumbnail: 'data:image/svg+xml,x',
        flow: { up: { ...UPTIME, version: '1.2.0' }, send: { ...SLACK, version: '4.2.0' } }
      }),
      makeFlow('Invoice mailer', 'stopped', { flowId: 'invoice-1', flow: { up: UPTIME } })
    ]
  })
})
afterEach(async () => {
  await Promise.all(opened.splice(0).map(sandbox => sandbox.close()))
  await rm(workspace, { recursive: true, force: true })
})

describe('flows as code', () => {
  it('exports, deploys to a second tenant, and exports again to the same bytes', async () => {
    const first = await exportTo(staging, 'flows', ['orders-1', 'invoice-1'])
    expect(first.map(({ fileName }) => fileName)).toEqual(['orders-sync.json', 'invoice-mailer.json'])
    production = await open({ flows: [], flowWrites: { componentVersions: { 'appmixer.utils.http.Uptime': '9.9.9' } } })
    const { files } = await readDeployFiles('flows', workspace)
    const planned = await planDeploy(apiOf(production), files)
    expect(planned.map(({ plan }) => [plan.file, plan.change])).toEqual([
      ['flows/invoice-mailer.json', 'create'],
      ['flows/orders-sync.json', 'create']
    ])
    expect(await applyPlans(apiOf(production), planned)).toEqual([
      { flowId: 'invoice-1', name: 'Invoice mailer', action: 'create', before: 'absent', after: 'stopped' },
      { flowId: 'orders-1', name: 'Orders sync', action: 'create', before: 'absent', after: 'stopped' }
    ])
    const again = await exportFlows(apiOf(production), ['orders-1'])
    expect(again[0].text).toBe(first[0].text)
    // The engine stamped a version where the file had none: the file a re-export writes then holds it.
    const invoice = (await exportFlows(apiOf(production), ['invoice-1']))[0]
    expect(JSON.parse(invoice.text).flow.up.version).toBe('9.9.9')
    // …and a plan finds nothing to do.
    const replanned = await planDeploy(apiOf(production), (await readDeployFiles('flows', workspace)).files)
    expect(replanned.map(({ plan }) => plan.change)).toEqual(['unchanged', 'unchanged'])
  })

  it('updates a running flow: stopped, forced, re-bound, started; bindings and versions kept', async () => {
    await exportTo(staging, 'flows', ['orders-1'])
    production = await open({
      flows: [
        makeFlow('Orders sync', 'running', {
          flowId: 'orders-1',
          flow: { up: { ...UPTIME, version: '1.2.0' }, send: { ...SLACK, label: 'Old', version: '5.0.0' }, old: UPTIME }
        })
      ]
    })
    production.state.assignments.set('send', 'acc-prod')
    production.state.assignments.set('old', 'acc-old')
    // The file leaves the version out (as one written by hand would): the live one is kept.
    const file = path.join(workspace, 'flows', 'orders-sync.json')
    const edited = JSON.parse(await readFile(file, 'utf8'))
    delete edited.flow.send.version
    await writeFile(file, `${JSON.stringify(edited, null, 2)}\n`)

    const planned = await planDeploy(apiOf(production), (await readDeployFiles('flows/orders-sync.json', workspace)).files)
    expect(planned[0].plan).toMatchObject({ change: 'update', components: { added: [], removed: ['old'], changed: ['send'] } })
    const before = production.requests.length
    expect(await applyPlans(apiOf(production), planned)).toEqual([
      { flowId: 'orders-1', name: 'Orders sync', action: 'update', before: 'running', after: 'running' }
    ])
    const calls = production.requests
      .slice(before)
      .filter(({ path }) => path !== '/user/auth')
      .map(({ method, path, query }) => `${method} ${path}${query.size ? `?${query}` : ''}`)
    expect(calls).toEqual([
      'GET /flows/orders-1',
      'GET /accounts/flow/orders-1',
      'POST /flows/orders-1/coordinator',
      'PUT /flows/orders-1?forceUpdate=true',
      'PUT /auth/component/send/acc-prod',
      'POST /flows/orders-1/coordinator'
    ])
    const live = production.flowNamed('Orders sync')!
    expect(live.stage).toBe('running')
    expect((live.flow as Record<string, { version: string; label: string }>).send).toMatchObject({ version: '5.0.0', label: 'Send' })
    expect(Object.fromEntries(production.state.assignments)).toEqual({ send: 'acc-prod' })
  })

  it('keeps a stopped flow stopped, writes nothing for an unchanged one, and a plan writes nothing at all', async () => {
    await exportTo(staging, 'flows', ['orders-1', 'invoice-1'])
    production = await open({
      flows: [
        makeFlow('Orders sync', 'stopped', { flowId: 'orders-1', flow: { up: UPTIME } }),
        makeFlow('Invoice mailer', 'running', { flowId: 'invoice-1', flow: { up: { ...UPTIME, version: '1.0.0' } } })
      ]
    })
    const planned = await planDeploy(apiOf(production), (await readDeployFiles('flows', workspace)).files)
    expect(planned.map(({ plan }) => [plan.flowId, plan.change])).toEqual([
      ['invoice-1', 'unchanged'],
      ['orders-1', 'update']
    ])
    expect(writes(production)).toEqual([])
    const before = production.requests.length
    expect(await applyPlans(apiOf(production), planned)).toEqual([
      { flowId: 'orders-1', name: 'Orders sync', action: 'update', before: 'stopped', after: 'stopped' }
    ])
    const touched = production.requests.slice(before).filter(({ path }) => path !== '/user/auth')
    expect(touched.every(({ path }) => path.includes('orders-1'))).toBe(true)
    expect(touched.map(({ method, query }) => `${method}${query.size ? `?${query}` : ''}`)).toEqual(['GET', 'GET', 'PUT'])
    expect(production.flowNamed('Orders sync')!.stage).toBe('stopped')
  })

  it('deploys the sample folder onto the demo tenant: the demo flow unchanged, the other one created', async () => {
    const demo = await open({})
    const { files } = await readDeployFiles('sandbox/flows', process.cwd())
    const planned = await planDeploy(apiOf(demo), files)
    expect(planned.map(({ plan }) => [plan.file, plan.flowId, plan.change])).toEqual([
      ['sandbox/flows/nightly-report.json', '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e', 'create'],
      ['sandbox/flows/orders-sync.json', DEMO_FLOW_IDS.ordersSync, 'unchanged']
    ])
  })

  it('deploys an integration template and rolls it out to its instances', async () => {
    const template = makeFlow('Template', 'stopped', { flowId: 'tpl-1', type: 'integration-template', flow: { up: UPTIME } })
    const instance = makeFlow('Template', 'running', {
      flowId: 'inst-1',
      type: 'integration-instance',
      originFlowId: 'tpl-1',
      flow: { up: UPTIME }
    })
    production = await open({ flows: [template, instance], integrations: { statusField: 'status', inProgressReads: 2 } })
    await mkdir(path.join(workspace, 'flows'))
    const file = { flowId: 'tpl-1', name: 'Template', type: 'integration-template', flow: { up: UPTIME, send: SLACK } }
    await writeFile(path.join(workspace, 'flows', 'template.json'), JSON.stringify(file))
    const api = apiOf(production)
    await applyPlans(api, await planDeploy(api, (await readDeployFiles('flows', workspace)).files))
    const pending: string[] = []
    const done = await rollOut(api, 'tpl-1', async line => (pending.push(line), true))
    expect(done).toMatchObject({ state: 'completed', progress: 1, stepsTotal: 1 })
    expect(pending).toHaveLength(2)
    // The sandbox keeps the flow objects it was given: the instance now holds the template's new descriptor.
    expect(Object.keys(instance.flow)).toEqual(['up', 'send'])
  })
})
