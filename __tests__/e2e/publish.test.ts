/**
 * Releasing a connector in one step, through dist/index.js under Node 24: pack, upload, follow
 * the ticket, annotate validation errors on the manifest, then restart the flows and gate.
 */
import { randomBytes } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { zipSync } from 'fflate'
import { startSandbox } from '../../sandbox/server.js'
import { makeFlow } from '../../sandbox/seed.js'
import { ROOT } from '../../scripts/local-runner.js'
import { runScenario, signInTo, type Sandbox } from '../helpers/scenario.js'

let sandbox: Sandbox

afterEach(() => sandbox?.close())

/** A workspace holding the sample connector under connectors/crm, with what must be left out (a symlink too). */
function workspaceWithConnector(): string {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'publish-ws-'))
  const folder = path.join(workspace, 'connectors', 'crm')
  cpSync(path.join(ROOT, 'sandbox', 'connectors', 'crm'), folder, { recursive: true })
  mkdirSync(path.join(folder, 'node_modules', 'axios'), { recursive: true })
  writeFileSync(path.join(folder, 'node_modules', 'axios', 'index.js'), 'module.exports = {}')
  mkdirSync(path.join(folder, '.git'))
  writeFileSync(path.join(folder, '.git', 'HEAD'), 'ref: refs/heads/main')
  writeFileSync(path.join(folder, '.env'), 'API_KEY=secret')
  symlinkSync('/etc/hostname', path.join(folder, 'linked.txt'))
  return workspace
}

const uploads = () => [...sandbox.state.uploads.values()]

describe('publish', () => {
  it('zips a folder as appmixer pack does, under vendor/service/, without node_modules, VCS folders or dot-files', async () => {
    sandbox = await startSandbox()
    const workspace = workspaceWithConnector()
    const step = await runScenario(sandbox, { workspace, inputs: { ...signInTo(sandbox), publish: 'connectors/crm' } })
    expect(step.code).toBe(0)
    const [upload] = uploads()
    expect(Object.keys(upload.entries).sort()).toEqual([
      'acme/crm/core/ListContacts/ListContacts.js',
      'acme/crm/core/ListContacts/component.json',
      'acme/crm/package.json',
      'acme/crm/service.json'
    ])
    const request = sandbox.requests.find(logged => logged.path === '/components')!
    expect(request.headers['content-type']).toBe('application/octet-stream')
    const published = JSON.parse(step.outputs.published)
    expect(published).toMatchObject({ name: 'acme.crm', ticket: upload.ticket, bytes: upload.bytes, files: 4 })
    expect(published.finished).toMatch(/^\d{4}-/)
    expect(step.summary).toContain('### Appmixer ✅ pass: publish acme.crm')
    expect(step.summary).toContain('Connector `acme.crm`: ✅ pass')
    // A publish alone is the whole step: no call after it.
    expect(sandbox.requests.map(logged => logged.path)).toEqual(['/user/auth', '/components', `/components/uploader/${upload.ticket}`])
  })

  it('gives the same bytes for the same tree, twice', async () => {
    sandbox = await startSandbox()
    const workspace = workspaceWithConnector()
    await runScenario(sandbox, { workspace, inputs: { ...signInTo(sandbox), publish: 'connectors/crm' } })
    await new Promise(resolve => setTimeout(resolve, 1_100)) // a later second, so a timestamp would differ
    await runScenario(sandbox, { workspace, inputs: { ...signInTo(sandbox), publish: 'connectors/crm' } })
    const [first, second] = sandbox.requests.filter(logged => logged.path === '/components').map(logged => logged.bytes)
    expect(second.equals(first)).toBe(true)
  })

  it('publishes a ready zip as it is', async () => {
    sandbox = await startSandbox()
    const workspace = mkdtempSync(path.join(os.tmpdir(), 'publish-zip-'))
    const manifest = { name: 'acme.billing', label: 'Billing', description: 'Invoices' }
    const zip = zipSync({ 'acme/billing/service.json': new TextEncoder().encode(JSON.stringify(manifest)) })
    writeFileSync(path.join(workspace, 'billing.zip'), zip)
    const step = await runScenario(sandbox, { workspace, inputs: { ...signInTo(sandbox), publish: 'billing.zip' } })
    expect(step.code).toBe(0)
    expect(Buffer.from(sandbox.requests.find(logged => logged.path === '/components')!.bytes).equals(Buffer.from(zip))).toBe(true)
    expect(JSON.parse(step.outputs.published)).toMatchObject({ name: 'acme.billing', files: 1 })
  })

  it('refuses a connector over 10 MB before any request', async () => {
    sandbox = await startSandbox()
    const workspace = workspaceWithConnector()
    writeFileSync(path.join(workspace, 'connectors', 'crm', 'assets.bin'), randomBytes(11 * 1024 * 1024))
    const step = await runScenario(sandbox, { workspace, inputs: { ...signInTo(sandbox), publish: 'connectors/crm' } })
    expect(step.code).toBe(1)
    expect(step.stdout).toMatch(/::error::Input 'publish': 'connectors\/crm' zips to 11\.\d MiB, over Appmixer's 10 MB limit/)
    expect(sandbox.requests).toHaveLength(0)
  })

  it('refuses a path outside the workspace, and a folder without a valid manifest name, naming the file', async () => {
    sandbox = await startSandbox()
    const workspace = workspaceWithConnector()
    const outside = await runScenario(sandbox, { workspace, inputs: { ...signInTo(sandbox), publish: '../../etc' } })
    expect(outside.stdout).toContain("::error::Input 'publish': '../../etc' is outside the workspace")
    writeFileSync(path.join(workspace, 'connectors', 'crm', 'service.json'), JSON.stringify({ name: 'no spaces allowed' }))
    const unnamed = await runScenario(sandbox, { workspace, inputs: { ...signInTo(sandbox), publish: 'connectors/crm' } })
    expect(unnamed.stdout).toContain(`::error::Input 'publish': 'connectors/crm/service.json' has no valid "name"`)
    expect(sandbox.requests).toHaveLength(0)
  })

  it("fails on Appmixer's validation errors, as annotations on the manifest they name", async () => {
    sandbox = await startSandbox()
    const workspace = workspaceWithConnector()
    writeFileSync(path.join(workspace, 'connectors', 'crm', 'service.json'), JSON.stringify({ name: 'acme.crm', version: '1.0.0' }))
    const step = await runScenario(sandbox, {
      workspace,
      inputs: { ...signInTo(sandbox), publish: 'connectors/crm', flows: 'Orders sync' }
    })
    expect(step.code).toBe(1)
    expect(step.stdout).toContain(
      '::error title=Appmixer connector,file=connectors/crm/service.json::Invalid schema for acme/crm/service.json'
    )
    expect(step.stdout).toContain(
      "::error title=Appmixer connector,file=connectors/crm/service.json::should have required property 'label'"
    )
    expect(step.stdout).toContain('::error::Appmixer refused acme.crm: Invalid schema for acme/crm/service.json (2 validation errors)')
    // The gate does not run on a connector that was refused.
    expect(sandbox.requests.some(logged => logged.path === '/flows')).toBe(false)
  })

  it('ends within publish-timeout when the ticket never finishes, with progress lines', async () => {
    sandbox = await startSandbox({ publishing: { neverFinishes: true } })
    const workspace = workspaceWithConnector()
    const step = await runScenario(sandbox, {
      workspace,
      inputs: { ...signInTo(sandbox), publish: 'connectors/crm', 'publish-timeout': '3s' }
    })
    expect(step.outputs.result).toBe('timeout')
    expect(step.stdout).toMatch(/::error::Publishing acme\.crm did not finish within publish-timeout \(3s\)/)
    expect(step.log.some(line => /^Check \d+: acme\.crm not finished after \d+m?s; next check in \d+m?s, \d+m?s left$/.test(line))).toBe(
      true
    )
    expect(step.durationMs).toBeLessThan(8_000)
  })

  it('releases in one step: publish, restart the flows that use it, gate on them', async () => {
    sandbox = await startSandbox({ flows: [makeFlow('Orders sync'), makeFlow('Invoice mailer')], publishing: { readsUntilFinished: 2 } })
    const workspace = workspaceWithConnector()
    const step = await runScenario(sandbox, {
      workspace,
      inputs: {
        ...signInTo(sandbox),
        publish: 'connectors/crm',
        flows: 'Orders sync\nInvoice mailer',
        command: 'restart',
        'poll-interval': '300ms'
      }
    })
    expect(step.code).toBe(0)
    const order = sandbox.requests.map(logged => logged.path).filter(p => p === '/components' || p.endsWith('/coordinator'))
    expect(order[0]).toBe('/components')
    expect(order.filter(p => p.endsWith('/coordinator'))).toHaveLength(4)
    expect(step.summary).toContain("### Appmixer ✅ pass: publish acme.crm · restart 2 flows · gate on 'Orders sync', 'Invoice mailer'")
    expect(step.summary).toContain('Connector `acme.crm`: ✅ pass')
  })
})
