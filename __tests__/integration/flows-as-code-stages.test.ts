/**
 * The export and deploy stages in a step, as main.ts runs them (parsed inputs, files read
 * before any request, stages in order, the wait restarted after the deploy), against the real
 * sandbox over the real client: plan writes nothing, check fails on drift, apply keeps bindings
 * and versions and restarts running flows, output `changed` also on a failure part way,
 * rollouts followed, and the gate after a deploy.
 */
import { lstat, mkdir, readFile, readlink, realpath, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fakeRunner } from '../../__fixtures__/runner.js'
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, makeFlow } from '../../sandbox/seed.js'
import { parseConfig } from '../../src/config/index.js'
import { prepareStages, stagesFor } from '../../src/stages.js'
import type { StepContext } from '../../src/step/context.js'
import { errorOutcome, type Outcome } from '../../src/step/outcome.js'
import { clientFor } from '../helpers/client.js'
import { virtualClock } from '../helpers/clock.js'
import { tempWorkspace, writeFlowFile } from '../helpers/workspace.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>

const UPTIME = { type: 'appmixer.utils.http.Uptime', label: 'Uptime', source: {}, x: 110, y: 90, config: {} }
const SLACK = {
  type: 'appmixer.slack.list.Send',
  label: 'Send',
  source: { in: { up: ['out'] } },
  x: 300,
  y: 90,
  config: { properties: { channel: 'C1' } }
}

let sandbox: Sandbox
let workspace: string

beforeEach(async () => {
  workspace = await tempWorkspace('flows-as-code-stages-')
})
afterEach(async () => {
  await sandbox?.close()
  await rm(workspace, { recursive: true, force: true })
})

const flowFile = (name: string, content: Record<string, unknown>) => writeFlowFile(workspace, name, content)

/** Requests that could change something: anything but a read or the sign-in. */
const writes = () =>
  sandbox.requests.filter(({ method, path }) => method !== 'GET' && path !== '/user/auth').map(({ method, path }) => `${method} ${path}`)

/** One step as main.ts runs it, from its inputs, in-process. */
async function runStep(inputs: Record<string, string>) {
  const all: Record<string, string> = {
    'base-url': sandbox.url,
    username: DEMO_USER.username,
    password: DEMO_USER.password,
    'poll-interval': '1s',
    ...inputs
  }
  const config = parseConfig({ readInput: name => all[name] ?? '', workspace })
  const prepared = await prepareStages(config, workspace)
  const { clock, sleeps } = virtualClock()
  const { runner, recorded } = fakeRunner({})
  runner.secret(DEMO_USER.password)
  const lines: string[] = []
  const step: StepContext = {
    config,
    client: clientFor(sandbox.url).client,
    clock,
    runner,
    log: line => void lines.push(line),
    workspace,
    env: {},
    waitStartedAt: clock.now(),
    changed: []
  }
  const outcomes: Outcome[] = []
  const ran: string[] = []
  for (const stage of await stagesFor(config, prepared)) {
    ran.push(stage.name)
    const outcome = await stage.run(step).catch(errorOutcome)
    outcomes.push(outcome)
    if (outcome.verdict !== 'pass') break
    if (stage.startsWait) step.waitStartedAt = clock.now()
  }
  const last = outcomes.at(-1)!
  const output = (name: string): unknown => {
    const found = outcomes.flatMap(outcome => outcome.outputs ?? []).find(entry => entry.name === name)
    return found === undefined ? undefined : JSON.parse(found.value)
  }
  return { ...last, outcomes, ran, changed: step.changed, lines, output, sleeps, recorded, step }
}

describe('deploy-mode plan', () => {
  it('sends no write request at all, and reports create / update / unchanged per flow and component', async () => {
    sandbox = await startSandbox({
      flows: [
        makeFlow('Orders sync', 'running', {
          flowId: 'orders-1',
          flow: { up: { ...UPTIME, version: '1.0.0' }, send: { ...SLACK, version: '1.0.0' }, old: { ...UPTIME, version: '1.0.0' } }
        }),
        makeFlow('Invoice mailer', 'stopped', { flowId: 'invoice-1', flow: { up: { ...UPTIME, version: '1.0.0' } } })
      ]
    })
    await flowFile('orders-sync.json', {
      flowId: 'orders-1',
      name: 'Orders sync',
      flow: { up: UPTIME, send: { ...SLACK, label: 'Send to Slack' }, added: UPTIME }
    })
    await flowFile('invoice-mailer.json', { flowId: 'invoice-1', name: 'Invoice mailer', flow: { up: UPTIME } })
    await flowFile('nightly.json', { flowId: 'nightly-1', name: 'Nightly', flow: { tick: UPTIME } })

    const step = await runStep({ deploy: 'flows', 'deploy-mode': 'plan' })
    expect(step.verdict).toBe('pass')
    expect(step.ran).toEqual(['deploy'])
    expect(writes()).toEqual([])
    expect(step.output('changes')).toEqual([
      {
        flowId: 'invoice-1',
        name: 'Invoice mailer',
        file: 'flows/invoice-mailer.json',
        change: 'unchanged',
        components: { added: [], removed: [], changed: [] }
      },
      {
        flowId: 'nightly-1',
        name: 'Nightly',
        file: 'flows/nightly.json',
        change: 'create',
        components: { added: ['tick'], removed: [], changed: [] }
      },
      {
        flowId: 'orders-1',
        name: 'Orders sync',
        file: 'flows/orders-sync.json',
        change: 'update',
        components: { added: ['added'], removed: ['old'], changed: ['send'] }
      }
    ])
    expect(step.summary).toContain('Deploy `flows` (plan): 1 to create, 1 to update, 1 unchanged')
    expect(step.summary).toContain(
      '| Orders sync | `flows/orders-sync.json` | update | 1 added: `added`; 1 removed: `old`; 1 changed: `send` |'
    )
    expect(step.summary).toContain('| Invoice mailer | `flows/invoice-mailer.json` | unchanged | – |')
    expect(step.changed).toEqual([])
  })
})

describe('deploy-mode check', () => {
  beforeEach(async () => {
    sandbox = await startSandbox({
      flows: [makeFlow('Orders sync', 'running', { flowId: 'orders-1', flow: { up: { ...UPTIME, version: '1.0.0' } } })]
    })
  })

  it('fails when the tenant drifted from the files, naming the flows, with an annotation on each file', async () => {
    await flowFile('orders-sync.json', { flowId: 'orders-1', name: 'Orders sync', flow: { up: { ...UPTIME, label: 'Ping' } } })
    await flowFile('nightly.json', { flowId: 'nightly-1', name: 'Nightly', flow: { tick: UPTIME } })
    const step = await runStep({ deploy: 'flows', 'deploy-mode': 'check' })
    expect(step.verdict).toBe('fail')
    expect(step.problem).toBe(
      "The tenant has drifted from 'flows': 2 of 2 flows would change: 'Nightly' (flows/nightly.json) would be created; " +
        "'Orders sync' (flows/orders-sync.json) would be updated. Deploy the files, or export the tenant's flows into the repository"
    )
    expect(step.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        file: 'flows/nightly.json',
        message: expect.stringMatching(/would create it \(1 component added\)/)
      }),
      expect.objectContaining({ file: 'flows/orders-sync.json', message: expect.stringMatching(/would update it \(1 component changed\)/) })
    ])
    expect(writes()).toEqual([])
  })

  it('passes when the tenant holds what the files say (a version the file leaves out is no change)', async () => {
    await flowFile('orders-sync.json', { flowId: 'orders-1', name: 'Orders sync', flow: { up: UPTIME } })
    const step = await runStep({ deploy: 'flows', 'deploy-mode': 'check' })
    expect(step.verdict).toBe('pass')
    expect(step.output('changes')).toMatchObject([{ flowId: 'orders-1', change: 'unchanged' }])
    expect(writes()).toEqual([])
  })
})

describe('deploy-mode apply', () => {
  it('keeps bindings and versions, restarts a running flow, creates a new one stopped, and gates them back in their stages', async () => {
    sandbox = await startSandbox({
      flows: [
        makeFlow('Orders sync', 'running', {
          flowId: 'orders-1',
          flow: { up: { ...UPTIME, version: '1.2.0' }, send: { ...SLACK, label: 'Old', version: '5.0.0' } }
        }),
        makeFlow('Invoice mailer', 'stopped', { flowId: 'invoice-1', flow: { up: { ...UPTIME, version: '1.0.0' } } })
      ],
      assignments: { send: 'acc-prod' }
    })
    await flowFile('orders-sync.json', { flowId: 'orders-1', name: 'Orders sync', flow: { up: UPTIME, send: SLACK } })
    await flowFile('invoice-mailer.json', { flowId: 'invoice-1', name: 'Invoice mailer', flow: { up: { ...UPTIME, label: 'Ping' } } })
    await flowFile('nightly.json', { flowId: 'nightly-1', name: 'Nightly', flow: { tick: UPTIME } })

    const step = await runStep({ deploy: 'flows' })
    expect(step.problem).toBeUndefined()
    expect(step.verdict).toBe('pass')
    expect(step.ran).toEqual(['deploy', 'resolve', 'gate'])
    expect(step.changed).toEqual([
      { flowId: 'invoice-1', name: 'Invoice mailer', action: 'update', before: 'stopped', after: 'stopped' },
      { flowId: 'nightly-1', name: 'Nightly', action: 'create', before: 'absent', after: 'stopped' },
      { flowId: 'orders-1', name: 'Orders sync', action: 'update', before: 'running', after: 'running' }
    ])
    const orders = sandbox.flowNamed('Orders sync')!
    expect(orders.stage).toBe('running')
    expect((orders.flow as Record<string, { version: string; label: string }>).send).toMatchObject({ label: 'Send', version: '5.0.0' })
    expect((orders.flow as Record<string, { version: string }>).up.version).toBe('1.2.0')
    expect(Object.fromEntries(sandbox.state.assignments)).toEqual({ send: 'acc-prod' })
    expect(sandbox.flowNamed('Nightly')!.stage).toBe('stopped')
    expect(sandbox.flowNamed('Invoice mailer')!.stage).toBe('stopped')
    // Each deployed flow is back in its stage before the deploy: no `stage` was given.
    expect((step.output('flows') as Array<{ flowId: string; stage: string }>).map(({ flowId, stage }) => [flowId, stage]).sort()).toEqual([
      ['invoice-1', 'stopped'],
      ['nightly-1', 'stopped'],
      ['orders-1', 'running']
    ])
    expect(step.lines).toContain('All 3 flows are in the stage expected of it')
    expect(step.output('changes')).toMatchObject([{ change: 'update' }, { change: 'create' }, { change: 'update' }])
    expect(step.outcomes[0].summary).toContain('Deploy `flows` (apply): 1 created, 2 updated, 0 unchanged')
  })

  it('writes nothing for flows that are as the files say, and gates them all the same', async () => {
    sandbox = await startSandbox({
      flows: [makeFlow('Orders sync', 'running', { flowId: 'orders-1', flow: { up: { ...UPTIME, version: '1.0.0' } } })]
    })
    await flowFile('orders-sync.json', { flowId: 'orders-1', name: 'Orders sync', flow: { up: UPTIME } })
    const step = await runStep({ deploy: 'flows' })
    expect(step.verdict).toBe('pass')
    expect(writes()).toEqual([])
    expect(step.changed).toEqual([])
    expect(step.output('flows')).toMatchObject([{ flowId: 'orders-1', stage: 'running' }])
  })

  it('reports what it changed when it fails part way: a flow created, another stopped for an update Appmixer refused', async () => {
    sandbox = await startSandbox({
      flows: [makeFlow('Orders sync', 'running', { flowId: 'orders-1', flow: { up: { ...UPTIME, version: '1.0.0' } } })]
    })
    await flowFile('a-nightly.json', { flowId: 'nightly-1', name: 'Nightly', flow: { tick: UPTIME } })
    await flowFile('b-orders-sync.json', { flowId: 'orders-1', name: 'Orders sync', flow: { up: { ...UPTIME, label: 'Ping' } } })
    sandbox.fault({
      method: 'PUT',
      path: '/flows/orders-1',
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'Invalid flow' }
    })

    const step = await runStep({ deploy: 'flows' })
    expect(step.verdict).toBe('fail')
    expect(step.ran).toEqual(['deploy'])
    expect(step.problem).toMatch(/^Deploying 'flows\/b-orders-sync.json' \(flow 'Orders sync'\) failed: PUT .*400 .*Invalid flow/)
    expect(step.changed).toEqual([
      { flowId: 'nightly-1', name: 'Nightly', action: 'create', before: 'absent', after: 'stopped' },
      { flowId: 'orders-1', name: 'Orders sync', action: 'stop', before: 'running', after: 'stopped' }
    ])
    expect(sandbox.flowNamed('Orders sync')!.stage).toBe('stopped')
    expect(step.output('changes')).toMatchObject([{ change: 'create' }, { change: 'update' }])
  })
})

describe('the gate after a deploy', () => {
  beforeEach(async () => {
    sandbox = await startSandbox({
      flows: [
        makeFlow('Orders sync', 'stopped', { flowId: 'orders-1', flow: { up: { ...UPTIME, version: '1.0.0' } } }),
        makeFlow('Invoice mailer', 'running', { flowId: 'invoice-1' })
      ]
    })
    await flowFile('orders-sync.json', { flowId: 'orders-1', name: 'Orders sync', flow: { up: { ...UPTIME, label: 'Ping' } } })
  })

  it('takes listed flows with the stage as usual, the deployed ones back as before', async () => {
    const step = await runStep({ deploy: 'flows', flows: 'Invoice mailer' })
    expect(step.verdict).toBe('pass')
    expect((step.output('flows') as Array<{ name: string; stage: string }>).map(({ name, stage }) => [name, stage])).toEqual([
      ['Invoice mailer', 'running'],
      ['Orders sync', 'stopped']
    ])
    expect(step.outcomes.at(-1)!.summary).toContain(
      '2 flows must be **running** (the listed ones) or back in their stage before the deploy'
    )
  })

  it('holds every flow to stage when it is given', async () => {
    const step = await runStep({ deploy: 'flows', stage: 'running' })
    expect(step.verdict).toBe('fail')
    expect(step.problem).toMatch(/'Orders sync' is stopped, expected running/)
    // The deploy itself went through, and says so.
    expect(step.changed).toEqual([{ flowId: 'orders-1', name: 'Orders sync', action: 'update', before: 'stopped', after: 'stopped' }])
  })

  it('sends the command to the deployed flows and the listed ones', async () => {
    sandbox.flowNamed('Invoice mailer')!.stage = 'stopped'
    const step = await runStep({ deploy: 'flows', flows: 'Invoice mailer', command: 'start' })
    expect(step.verdict).toBe('pass')
    expect(sandbox.flowNamed('Orders sync')!.stage).toBe('running')
    expect(sandbox.flowNamed('Invoice mailer')!.stage).toBe('running')
    expect(step.changed.map(({ flowId, action }) => [flowId, action])).toEqual([
      ['orders-1', 'update'],
      ['invoice-1', 'start'],
      ['orders-1', 'start']
    ])
  })
})

describe('update-instances', () => {
  const TEMPLATE = { flowId: 'template-1', name: 'CRM sync', type: 'integration-template', flow: { up: { ...UPTIME, label: 'v2' } } }

  async function withTemplate(integrations: NonNullable<Parameters<typeof startSandbox>[0]>['integrations']) {
    sandbox = await startSandbox({
      integrations,
      flows: [
        makeFlow('CRM sync', 'stopped', {
          flowId: 'template-1',
          type: 'integration-template',
          flow: { up: { ...UPTIME, version: '1.0.0' } }
        }),
        makeFlow('CRM sync (Acme)', 'running', { flowId: 'instance-1', type: 'integration-instance', originFlowId: 'template-1' })
      ]
    })
    await flowFile('crm-sync.json', TEMPLATE)
  }

  it('rolls a deployed template out to its instances and follows the rollout until it completes', async () => {
    await withTemplate({ inProgressReads: 2, statusField: 'status' })
    const step = await runStep({ deploy: 'flows', 'update-instances': 'true' })
    expect(step.problem).toBeUndefined()
    expect(step.verdict).toBe('pass')
    expect(sandbox.requests.filter(({ path }) => path.startsWith('/integrations/status/'))).toHaveLength(3)
    expect(step.sleeps.slice(0, 2)).toEqual([1_000, 1_000])
    expect((sandbox.flowNamed('CRM sync (Acme)')!.flow as Record<string, { label: string }>).up.label).toBe('v2')
    expect(step.outcomes[0].summary).toContain('| CRM sync | completed (1 of 1 instances) |')
  })

  it('fails naming the error when the rollout fails', async () => {
    await withTemplate({ failWith: 'Instance 42: component appmixer.slack missing' })
    const step = await runStep({ deploy: 'flows', 'update-instances': 'true' })
    expect(step.verdict).toBe('fail')
    expect(step.ran).toEqual(['deploy'])
    expect(step.problem).toBe(
      "The rollout of integration template 'template-1' to its instances failed: 'Instance 42: component appmixer.slack missing'"
    )
    expect(step.summary).toContain('| CRM sync | failed |')
    // The template itself was deployed.
    expect(step.changed).toMatchObject([{ flowId: 'template-1', action: 'update' }])
  })

  it('times out within the wait, naming what is pending', async () => {
    await withTemplate({ inProgressReads: 1_000 })
    const step = await runStep({ deploy: 'flows', 'update-instances': 'true', wait: '5s' })
    expect(step.verdict).toBe('timeout')
    expect(step.problem).toMatch(/^The rollout to the instances did not complete within 5s: rollout of 'template-1' is 'in-progress'/)
  })

  it('rolls nothing out without update-instances', async () => {
    await withTemplate({})
    const step = await runStep({ deploy: 'flows' })
    expect(step.verdict).toBe('pass')
    expect(sandbox.requests.filter(({ path }) => path.startsWith('/integrations/'))).toEqual([])
  })
})

describe('export', () => {
  it('writes the listed flows as flow files, secrets redacted, links replaced rather than followed, and does not gate', async () => {
    sandbox = await startSandbox({
      flows: [
        makeFlow('Orders sync', 'stopped', {
          flowId: 'orders-1',
          flow: { up: { ...UPTIME, config: { properties: { apiKey: DEMO_USER.password, account: 'acc-1' } } } }
        }),
        makeFlow('Invoice mailer', 'running', { flowId: 'invoice-1' })
      ]
    })
    await mkdir(path.join(workspace, 'out'))
    const outside = path.join(await realpath(tmpdir()), `outside-${path.basename(workspace)}.json`)
    await writeFile(outside, 'untouched')
    await symlink(outside, path.join(workspace, 'out', 'orders-sync.json'))
    try {
      const step = await runStep({ export: 'out', flows: 'Orders sync\nInvoice mailer' })
      expect(step.verdict).toBe('pass')
      expect(step.ran).toEqual(['resolve', 'export'])
      expect(step.output('exported')).toEqual([
        { flowId: 'orders-1', name: 'Orders sync', file: 'out/orders-sync.json' },
        { flowId: 'invoice-1', name: 'Invoice mailer', file: 'out/invoice-mailer.json' }
      ])
      expect(await readFile(outside, 'utf8')).toBe('untouched')
      expect((await lstat(path.join(workspace, 'out', 'orders-sync.json'))).isSymbolicLink()).toBe(false)
      const text = await readFile(path.join(workspace, 'out', 'orders-sync.json'), 'utf8')
      expect(text).not.toContain(DEMO_USER.password)
      expect(text).not.toContain('acc-1')
      expect(Object.keys(JSON.parse(text))).toEqual(['flowId', 'name', 'customFields', 'flow'])
      expect(text.endsWith('}\n')).toBe(true)
      expect(step.summary).toContain('| Orders sync | `out/orders-sync.json` |')
    } finally {
      await rm(outside, { force: true })
    }
  })

  it('gates on the flows too when stage asks for it', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync', 'stopped', { flowId: 'orders-1' })] })
    const step = await runStep({ export: 'out', flows: 'Orders sync', stage: 'running' })
    expect(step.ran).toEqual(['resolve', 'export', 'gate'])
    expect(step.verdict).toBe('fail')
    expect(await readFile(path.join(workspace, 'out', 'orders-sync.json'), 'utf8')).toContain('"flowId": "orders-1"')
  })

  it('refuses a folder that leads outside the workspace before any request', async () => {
    sandbox = await startSandbox()
    await symlink(tmpdir(), path.join(workspace, 'elsewhere'))
    await expect(runStep({ export: 'elsewhere/flows', flows: 'Orders sync' })).rejects.toThrow(
      "Input 'export': 'elsewhere/flows' is outside the workspace (following symbolic links); give a path inside the repository"
    )
    expect(sandbox.requests).toEqual([])
    expect(await readlink(path.join(workspace, 'elsewhere'))).toBe(tmpdir())
  })
})
