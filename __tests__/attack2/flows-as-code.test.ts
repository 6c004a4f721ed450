/**
 * Attacks on flows as code (export, deploy with deploy-mode, update-instances): a plan that
 * writes, an apply re-run that passes with a flow left stopped or a rollout never done, output
 * `changed` that misses a stop, secrets in exported files, stale exported files.
 */
import { cp, mkdir, mkdtemp, symlink, readFile, readdir, realpath, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DEMO_USER, makeFlow } from '../../sandbox/seed.js'
import { attack, startSandbox, type Sandbox } from '../attack/harness.js'
import { tempWorkspace, writeFlowFile } from '../helpers/workspace.js'

const UPTIME = { type: 'appmixer.utils.http.Uptime', label: 'Uptime', source: {}, x: 110, y: 90, config: {} }

let sandbox: Sandbox
let workspace: string

beforeEach(async () => {
  workspace = await tempWorkspace('attack2-fac-')
})
afterEach(async () => {
  await sandbox?.close()
  await rm(workspace, { recursive: true, force: true })
})

const flowFile = (name: string, content: Record<string, unknown>) => writeFlowFile(workspace, name, content)

const step = (inputs: Record<string, string>, options: { password?: string } = {}) =>
  attack(
    sandbox,
    { 'poll-interval': '1s', ...(options.password ? { password: options.password } : {}), ...inputs },
    { env: { GITHUB_WORKSPACE: workspace } }
  )

/** Requests that could change something: anything but a read or the sign-in. */
const writes = () =>
  sandbox.requests.filter(({ method, path }) => method !== 'GET' && path !== '/user/auth').map(({ method, path }) => `${method} ${path}`)

const changedOf = (trace: { outputs: Record<string, string> }) =>
  JSON.parse(trace.outputs.changed ?? '[]') as Array<{ flowId: string; action: string; before: string; after: string }>

describe('deploy-mode plan changes nothing', () => {
  it('plan with command: stop sends no command (a plan on a pull request must not stop production flows)', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync', 'running', { flowId: 'orders-1', flow: { up: UPTIME } })] })
    await flowFile('orders.json', { flowId: 'orders-1', name: 'Orders sync', flow: { up: { ...UPTIME, label: 'Edited' } } })
    const trace = await step({ deploy: 'flows', 'deploy-mode': 'plan', flows: 'Orders sync', command: 'stop' })
    // Observed: POST /flows/orders-1/coordinator {command: stop} is sent after the plan "changed nothing".
    expect(writes()).toEqual([])
    expect(sandbox.flowNamed('Orders sync')!.stage).toBe('running')
    expect(trace.outputs.result).not.toBe(undefined)
  })

  it('check with command: restart sends no command either', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync', 'running', { flowId: 'orders-1', flow: { up: UPTIME } })] })
    await flowFile('orders.json', { flowId: 'orders-1', name: 'Orders sync', flow: { up: UPTIME } })
    await step({ deploy: 'flows', 'deploy-mode': 'check', flows: 'Orders sync', command: 'restart' })
    expect(writes()).toEqual([])
  })
})

describe('deploy-mode plan changes nothing, publish included', () => {
  it('plan with publish uploads no connector', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync', 'running', { flowId: 'orders-1', flow: { up: UPTIME } })] })
    await cp(path.resolve('sandbox/connectors/crm'), path.join(workspace, 'connectors', 'crm'), { recursive: true })
    await flowFile('orders.json', { flowId: 'orders-1', name: 'Orders sync', flow: { up: UPTIME } })
    await step({ deploy: 'flows', 'deploy-mode': 'plan', publish: 'connectors/crm' })
    // Observed: POST /components — the connector is published to the tenant by a "plan".
    expect(writes()).toEqual([])
  })
})

describe('export into the workspace root', () => {
  it('does not overwrite a repository file that a flow name slugs to (package.json)', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Package', 'running', { flowId: 'pkg-1' })] })
    await writeFile(path.join(workspace, 'package.json'), '{"name": "my-repo"}\n')
    await step({ flows: 'pkg-1', export: '.' })
    // Observed: package.json now holds the flow "Package".
    expect(await readFile(path.join(workspace, 'package.json'), 'utf8')).toBe('{"name": "my-repo"}\n')
  })
})

describe('a re-run of an apply that failed part way', () => {
  // Without `stage`, a deployed flow is gated on the stage it had before this run (the contract):
  // a re-run after a failure sees the flow as the failure left it. `stage: running` (what the
  // README's apply example gives) gates it on running, so the re-run cannot pass on a stopped flow.
  it("does not pass while the flow the first run stopped is still stopped, with 'stage: running'", async () => {
    // Run 1: the start after the update is refused (a component the engine cannot start); the flow is left stopped.
    sandbox = await startSandbox({
      flows: [makeFlow('Orders sync', 'running', { flowId: 'orders-1', flow: { up: UPTIME }, startError: 'Component up failed to start' })]
    })
    await flowFile('orders.json', { flowId: 'orders-1', name: 'Orders sync', flow: { up: { ...UPTIME, label: 'Edited' } } })
    const first = await step({ deploy: 'flows', stage: 'running' })
    expect(first.outputs.result).toBe('fail')
    expect(sandbox.flowNamed('Orders sync')!.stage).toBe('stopped')

    // Run 2 ("Re-run failed jobs"): the file is now unchanged, so no write; the flow is still stopped.
    const second = await step({ deploy: 'flows', stage: 'running' })
    // Once observed (without a stage): pass, the flow gated on the stage it had before *this* run.
    expect(sandbox.flowNamed('Orders sync')!.stage === 'running' || second.outputs.result !== 'pass').toBe(true)
  })

  it('does not pass while the integration template it deployed was never rolled out to its instances', async () => {
    const template = makeFlow('Onboarding', 'stopped', { flowId: 'tpl-1', type: 'integration-template', flow: { up: UPTIME } })
    const instance = makeFlow('Onboarding (ACME)', 'running', {
      flowId: 'inst-1',
      type: 'integration-instance',
      originFlowId: 'tpl-1',
      flow: { up: UPTIME }
    })
    sandbox = await startSandbox({ flows: [template, instance], integrations: { failWith: 'instance inst-1: quota exceeded' } })
    await flowFile('onboarding.json', {
      flowId: 'tpl-1',
      name: 'Onboarding',
      type: 'integration-template',
      flow: { up: { ...UPTIME, label: 'v2' } }
    })
    const first = await step({ deploy: 'flows', 'update-instances': 'true', wait: '1m' })
    expect(first.outputs.result).toBe('fail')

    // Re-run once the quota is fixed: the template is unchanged now.
    sandbox.state.realWorld.integrations = {}
    const second = await step({ deploy: 'flows', 'update-instances': 'true', wait: '1m' })
    const rolledOut = sandbox.requests.filter(({ path }) => path.endsWith('/update-integration-instances')).length
    // Observed: pass with one rollout request in all (the failed one); the instance still runs the old descriptor.
    expect(second.outputs.result === 'pass' ? rolledOut : 2).toBe(2)
    expect((sandbox.state.flows.find(flow => flow.flowId === 'inst-1')!.flow as { up: { label: string } }).up.label).toBe('v2')
  })
})

describe('output changed after a stop whose answer was lost', () => {
  it('names the flow the deploy stopped when the stop timed out after Appmixer had done it', async () => {
    sandbox = await startSandbox({
      flows: [makeFlow('Orders sync', 'running', { flowId: 'orders-1', flow: { up: UPTIME } })],
      coordinatorDelayMs: 3_000
    })
    await flowFile('orders.json', { flowId: 'orders-1', name: 'Orders sync', flow: { up: { ...UPTIME, label: 'Edited' } } })
    const trace = await step({ deploy: 'flows', timeout: '1s', retries: '0' })
    expect(trace.outputs.result).not.toBe('pass')
    expect(sandbox.flowNamed('Orders sync')!.stage).toBe('stopped')
    // Observed: changed is [] — an `if: failure()` rollback reading it starts nothing, and the flow stays stopped.
    expect(changedOf(trace).map(entry => entry.flowId)).toContain('orders-1')
  }, 30_000)
})

describe('secrets in exported flow files', () => {
  it('a numeric password typed into a component property as a number is redacted in the file', async () => {
    const password = '80417255'
    sandbox = await startSandbox({
      users: [{ ...DEMO_USER, password }],
      flows: [
        makeFlow('Orders sync', 'running', {
          flowId: 'orders-1',
          flow: { up: { ...UPTIME, config: { properties: { pin: Number(password), note: `pin ${password}` } } } }
        })
      ]
    })
    const trace = await step({ flows: 'Orders sync', export: 'exported' }, { password })
    expect(trace.outputs.result).toBe('pass')
    const file = await readFile(path.join(workspace, 'exported', 'orders-sync.json'), 'utf8')
    expect(file).toContain('pin ***')
    // Observed: `"pin": 80417255` — the password, in a file the README tells users to commit.
    expect(file).not.toContain(password)
  })

  it('a file name does not carry the start of a password that Appmixer echoes as a flow id', async () => {
    const password = 'Zq8vLm3TxW9pRk2'
    sandbox = await startSandbox({
      users: [{ ...DEMO_USER, password }],
      flows: [makeFlow('Orders sync', 'running', { flowId: `${password}-echo` }), makeFlow('Orders sync', 'stopped', { flowId: 'aaaa-2' })]
    })
    const trace = await step({ flows: `${password}-echo\naaaa-2`, export: 'exported' }, { password })
    const names = await readdir(path.join(workspace, 'exported')).catch(() => [] as string[])
    // Observed: `orders-sync-zq8vlm3t.json` in the workspace and in output `exported`.
    expect(names.join(' ').toLowerCase()).not.toContain(password.slice(0, 8).toLowerCase())
    expect(trace.all().toLowerCase()).not.toContain(password.slice(0, 8).toLowerCase())
  })
})

describe('re-exporting a renamed flow', () => {
  it('leaves no second file of the same flow behind, so the folder still deploys', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync', 'running', { flowId: 'orders-1', flow: { up: UPTIME } })] })
    expect((await step({ flows: 'orders-1', export: 'flows' })).outputs.result).toBe('pass')
    sandbox.flowNamed('Orders sync')!.name = 'Orders sync EU'
    expect((await step({ flows: 'orders-1', export: 'flows' })).outputs.result).toBe('pass')
    const trace = await step({ deploy: 'flows', 'deploy-mode': 'check' })
    // Observed: flows/orders-sync.json and flows/orders-sync-eu.json both hold orders-1: the deploy is bad input.
    expect(await readdir(path.join(workspace, 'flows'))).toEqual(['orders-sync-eu.json'])
    expect(trace.outputs.result).toBe('pass')
  })
})

describe('attacks that should hold (flows as code)', () => {
  it('a deploy path reached through a symbolic link to outside the workspace is refused before any request', async () => {
    sandbox = await startSandbox({ flows: [] })
    const outside = await realpath(await mkdtemp(path.join(tmpdir(), 'attack2-outside-')))
    await writeFile(path.join(outside, 'evil.json'), JSON.stringify({ flowId: 'evil-1', flow: { up: UPTIME } }))
    await symlink(outside, path.join(workspace, 'linked'))
    await mkdir(path.join(workspace, 'flows'))
    await symlink(path.join(outside, 'evil.json'), path.join(workspace, 'flows', 'evil.json'))
    await writeFile(path.join(workspace, 'flows', 'good.json'), JSON.stringify({ flowId: 'good-1', flow: { up: UPTIME } }))
    const viaFolder = await step({ deploy: 'linked' })
    expect(viaFolder.outputs.result).toBe('fail')
    expect(sandbox.requests).toEqual([])
    const viaFile = await step({ deploy: 'linked/evil.json' })
    expect(viaFile.outputs.result).toBe('fail')
    expect(sandbox.requests).toEqual([])
    await step({ deploy: 'flows' })
    expect(sandbox.requests.some(({ path }) => path.includes('evil-1'))).toBe(false)
    await rm(outside, { recursive: true, force: true })
  })

  it('an export is byte-identical when the server reorders keys', async () => {
    const flow = makeFlow('Orders sync', 'running', {
      flowId: 'orders-1',
      flow: { b: { ...UPTIME, config: { z: 1, a: 2 } }, a: UPTIME },
      customFields: { y: 1, x: [3, { d: 1, c: 2 }] }
    })
    sandbox = await startSandbox({ flows: [flow] })
    await step({ flows: 'orders-1', export: 'out' })
    const first = await readFile(path.join(workspace, 'out', 'orders-sync.json'), 'utf8')
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .reverse()
                .map(([k, v]) => [k, reversed(v)])
            )
          : value
    sandbox.fault({ method: 'GET', path: '/flows/orders-1', status: 200, body: reversed({ ...flow, stage: 'stopped', mtime: 'now' }) })
    await step({ flows: 'orders-1', export: 'out' })
    expect(await readFile(path.join(workspace, 'out', 'orders-sync.json'), 'utf8')).toBe(first)
  })

  it('check fails on a component changed by hand on the tenant', async () => {
    sandbox = await startSandbox({
      flows: [makeFlow('Orders sync', 'running', { flowId: 'orders-1', flow: { up: { ...UPTIME, config: { properties: { url: 'b' } } } } })]
    })
    await flowFile('orders.json', {
      flowId: 'orders-1',
      name: 'Orders sync',
      flow: { up: { ...UPTIME, config: { properties: { url: 'a' } } } }
    })
    const trace = await step({ deploy: 'flows', 'deploy-mode': 'check' })
    expect(trace.outputs.result).toBe('fail')
    expect(writes()).toEqual([])
  })

  it('a failed re-bind after the update fails the step and says the flow was left stopped', async () => {
    sandbox = await startSandbox({
      flows: [makeFlow('Orders sync', 'running', { flowId: 'orders-1', flow: { up: UPTIME } })],
      accounts: [],
      assignments: { up: 'acc-1' }
    })
    await flowFile('orders.json', { flowId: 'orders-1', name: 'Orders sync', flow: { up: { ...UPTIME, label: 'x' } } })
    sandbox.fault({ method: 'PUT', path: /^\/auth\/component\//, status: 500, times: 10 })
    const trace = await step({ deploy: 'flows', retries: '0' })
    expect(trace.outputs.result).toBe('fail')
    expect(changedOf(trace)).toEqual([expect.objectContaining({ flowId: 'orders-1', before: 'running', after: 'stopped' })])
  })

  it('a rollout that never completes ends as timeout within the wait', async () => {
    const template = makeFlow('Onboarding', 'stopped', { flowId: 'tpl-1', type: 'integration-template', flow: { up: UPTIME } })
    sandbox = await startSandbox({ flows: [template], integrations: { inProgressReads: 1_000_000 } })
    await flowFile('onboarding.json', { flowId: 'tpl-1', type: 'integration-template', flow: { up: { ...UPTIME, label: 'v2' } } })
    const trace = await step({ deploy: 'flows', 'update-instances': 'true', wait: '30s' })
    expect(trace.outputs.result).toBe('timeout')
  })

  it('a failed rollout error that echoes the password is redacted', async () => {
    const template = makeFlow('Onboarding', 'stopped', { flowId: 'tpl-1', type: 'integration-template', flow: { up: UPTIME } })
    sandbox = await startSandbox({ flows: [template], integrations: { failWith: `auth failed for ${DEMO_USER.password}` } })
    await flowFile('onboarding.json', { flowId: 'tpl-1', type: 'integration-template', flow: { up: { ...UPTIME, label: 'v2' } } })
    const trace = await step({ deploy: 'flows', 'update-instances': 'true', wait: '30s' })
    expect(trace.outputs.result).toBe('fail')
    expect(trace.all()).not.toContain(DEMO_USER.password)
  })
})
