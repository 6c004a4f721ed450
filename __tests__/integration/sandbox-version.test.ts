/** `GET /` without a token (docs/appmixer-api.md §2): the version it tells, or one that cannot be read. */
import { startSandbox } from '../../sandbox/server.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
let sandbox: Sandbox
afterEach(() => sandbox?.close())

describe('GET /', () => {
  it('tells the version it is given, without a token', async () => {
    sandbox = await startSandbox({ version: '6.1.0' })
    const response = await fetch(`${sandbox.url}/`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ name: 'appmixer-sandbox', version: '6.1.0', url: sandbox.url })
  })

  it('can answer a version that is not semver, or an HTML page', async () => {
    sandbox = await startSandbox({ versionUnreadable: 'not-semver' })
    expect(((await (await fetch(`${sandbox.url}/`)).json()) as { version: string }).version).toBe('latest (build 2611)')
    sandbox.state.realWorld.versionUnreadable = 'html'
    const page = await fetch(`${sandbox.url}/`)
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8'])
    expect(await page.text()).toMatch(/^<!doctype html>/)
  })
})
