/**
 * A hosted-tenant URL, a proxy and a private CA, proven together: the sandbox serves TLS with a
 * certificate from a CA made in the test, and is reached as https://api.acme.appmixer.cloud
 * through a CONNECT proxy, by dist/index.js under Node 24 with HTTPS_PROXY and NODE_EXTRA_CA_CERTS.
 */
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER } from '../../sandbox/seed.js'
import { startConnectProxy } from '../helpers/connect-proxy.js'
import { makeTestPki, type TestPki } from '../helpers/pki.js'
import { NO_TENANT_DNS, runScenario } from '../helpers/scenario.js'

const HOST = 'api.acme.appmixer.cloud'
type Sandbox = Awaited<ReturnType<typeof startSandbox>>
let pki: TestPki
let sandbox: Sandbox
let proxy: Awaited<ReturnType<typeof startConnectProxy>>

beforeAll(async () => {
  pki = makeTestPki(HOST)
  sandbox = await startSandbox({ tls: { key: pki.key, cert: pki.cert } })
  proxy = await startConnectProxy({ [HOST]: sandbox.port })
})
afterAll(async () => {
  await proxy.close()
  await sandbox.close()
})
beforeEach(() => {
  sandbox.state.requests.length = 0
  proxy.tunnels.length = 0
})

const inputs = { tenant: 'acme', username: DEMO_USER.username, password: DEMO_USER.password, endpoint: '/user' }

it('signs in and calls the tenant through the proxy, trusting the private CA', async () => {
  const step = await runScenario(sandbox, {
    inputs: { ...inputs, endpoint: '', flows: 'Orders sync' },
    env: { ...NO_TENANT_DNS, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: pki.caFile }
  })
  expect(step.code).toBe(0)
  expect(step.outputs.result).toBe('pass')
  expect(proxy.tunnels.length).toBeGreaterThan(0)
  expect(new Set(proxy.tunnels)).toEqual(new Set([`${HOST}:443`]))
  expect(sandbox.requests.map(request => request.path)).toEqual(['/user/auth', '/flows'])
})

it('masks the password of an authenticated proxy', async () => {
  const proxyUrl = proxy.url.replace('http://', 'http://ci-bot:proxy-Secret-9@')
  const step = await runScenario(sandbox, {
    inputs,
    env: { ...NO_TENANT_DNS, HTTPS_PROXY: proxyUrl, NODE_EXTRA_CA_CERTS: pki.caFile },
    secrets: ['proxy-Secret-9']
  })
  expect(step.code).toBe(0)
  expect(step.masks).toContain('proxy-Secret-9')
})

it('honours the lower-case https_proxy too', async () => {
  const step = await runScenario(sandbox, { inputs, env: { ...NO_TENANT_DNS, https_proxy: proxy.url, NODE_EXTRA_CA_CERTS: pki.caFile } })
  expect(step.code).toBe(0)
  expect(proxy.tunnels.length).toBeGreaterThan(0)
})

it('says how to trust a private CA when the certificate is not trusted', async () => {
  const step = await runScenario(sandbox, { inputs: { ...inputs, retries: '0' }, env: { ...NO_TENANT_DNS, HTTPS_PROXY: proxy.url } })
  expect(step.code).toBe(1)
  expect(step.outputs.result).toBe('fail')
  expect(step.stdout).toMatch(
    /::error::POST \/user\/auth at https:\/\/api\.acme\.appmixer\.cloud failed: the TLS certificate was not accepted \(\w+\); for a private CA, point NODE_EXTRA_CA_CERTS at its PEM file/
  )
  expect(sandbox.requests).toHaveLength(0)
})

it('goes direct for hosts in NO_PROXY', async () => {
  const env = { ...NO_TENANT_DNS, HTTPS_PROXY: proxy.url, NO_PROXY: '.appmixer.cloud', NODE_EXTRA_CA_CERTS: pki.caFile }
  const step = await runScenario(sandbox, { inputs: { ...inputs, retries: '0' }, env })
  // Direct means a DNS lookup of the tenant host, which fails in this test by design.
  expect(step.outputs.result).toBe('unavailable')
  expect(step.stdout).toContain('the host name does not resolve (ENOTFOUND)')
  expect(proxy.tunnels).toEqual([])
})
