/**
 * The sandbox speaks the Appmixer API as docs/appmixer-api.md documents it: the tests of the
 * action are only as good as this stand-in, so its own behaviour is pinned here, over HTTP.
 */
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, makeFlow } from '../../sandbox/seed.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
let sandbox: Sandbox
let token: string

beforeAll(async () => {
  const flows = [
    makeFlow('Orders sync', 'running', { customFields: { team: 'billing' }, mtime: '2026-11-03T00:00:00.000Z' }),
    makeFlow('Invoice mailer', 'running', { customFields: { team: 'billing' }, mtime: '2026-11-01T00:00:00.000Z' }),
    makeFlow('Legacy import', 'stopped', { customFields: { team: 'ops' }, mtime: '2026-11-02T00:00:00.000Z' })
  ]
  const logs = [
    { severity: 'error', flowId: flows[0].flowId, gridTimestamp: '2026-11-28T09:50:00.000Z', msg: 'a' },
    { severity: 'info', flowId: flows[0].flowId, gridTimestamp: '2026-11-28T09:55:00.000Z', msg: 'b' },
    { severity: 'error', flowId: flows[2].flowId, gridTimestamp: '2026-11-28T08:00:00.000Z', msg: 'c' }
  ]
  sandbox = await startSandbox({ flows, logs })
  token = sandbox.tokenFor()
})
afterAll(() => sandbox.close())

async function api(path: string, init: RequestInit = {}, bearer: string | null = token) {
  const response = await fetch(`${sandbox.url}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) }
  })
  return { status: response.status, body: (await response.json()) as any } // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('sign-in', () => {
  it('answers 200 with the user and an HS256 JWT that lives 30 days', async () => {
    const { status, body } = await api(
      '/user/auth',
      { method: 'POST', body: JSON.stringify({ email: DEMO_USER.email, password: DEMO_USER.password }) },
      undefined
    )
    expect(status).toBe(200)
    expect(body.user).toMatchObject({ id: DEMO_USER.id, username: DEMO_USER.username })
    expect(body.user.password).toBeUndefined()
    const [header, payload] = body.token
      .split('.')
      .slice(0, 2)
      .map((part: string) => JSON.parse(Buffer.from(part, 'base64url').toString()))
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' })
    expect(payload.exp - payload.iat).toBe(30 * 24 * 3600)
    expect(payload).toMatchObject({ id: DEMO_USER.id, scope: ['user'] })
  })

  it('answers 403 to a wrong password and 400 to a missing one, as Boom bodies', async () => {
    const wrong = await api(
      '/user/auth',
      { method: 'POST', body: JSON.stringify({ username: DEMO_USER.username, password: 'x' }) },
      undefined
    )
    expect(wrong).toEqual({ status: 403, body: { statusCode: 403, error: 'Forbidden', message: 'Invalid username or password.' } })
    const missing = await api('/user/auth', { method: 'POST', body: JSON.stringify({ username: DEMO_USER.username }) }, null)
    expect(missing.status).toBe(400)
    expect(missing.body.error).toBe('Bad Request')
  })

  it('answers 401 to a missing, forged or expired token', async () => {
    expect((await api('/user', {}, null)).status).toBe(401)
    const forged = await api('/user', {}, `${token.slice(0, -4)}AAAA`)
    expect(forged.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: 'Invalid JWT: key or signature is invalid' })
    const expired = await api('/user', {}, sandbox.tokenFor(undefined, -10))
    expect(expired.status).toBe(401)
  })
})

describe('flows', () => {
  it('filters, projects, sorts, searches and pages', async () => {
    const names = async (query: string) => (await api(`/flows?${query}`)).body.map((flow: { name: string }) => flow.name)
    expect(await names('filter=stage:running')).toEqual(['Orders sync', 'Invoice mailer'])
    expect(await names('filter=customFields.team:billing&filter=stage:running&sort=mtime:1')).toEqual(['Invoice mailer', 'Orders sync'])
    expect(await names('filter=stage:!running')).toEqual(['Legacy import'])
    expect(await names('sort=mtime:-1')).toEqual(['Orders sync', 'Legacy import', 'Invoice mailer'])
    expect(await names('pattern=sync')).toEqual(['Orders sync'])
    expect(await names('offset=1&limit=1')).toEqual(['Invoice mailer'])
    const [projected] = (await api('/flows?projection=name,stage&limit=1')).body
    expect(Object.keys(projected).sort()).toEqual(['flowId', 'name', 'stage'])
    const [excluded] = (await api('/flows?projection=-flow,-customFields&limit=1')).body
    expect(excluded.flow).toBeUndefined()
    expect(excluded.name).toBe('Orders sync')
    expect((await api('/flows/count?filter=stage:running')).body).toEqual({ count: 2 })
  })

  it('gets one flow or a 404 Boom body, and starts and stops flows', async () => {
    const flow = sandbox.flowNamed('Legacy import')!
    expect((await api(`/flows/${flow.flowId}?projection=stage`)).body).toEqual({ flowId: flow.flowId, stage: 'stopped' })
    expect((await api('/flows/nope')).body).toMatchObject({ statusCode: 404, error: 'Not Found' })
    const start = await api(`/flows/${flow.flowId}/coordinator`, { method: 'POST', body: JSON.stringify({ command: 'start' }) })
    expect(start.body).toMatchObject({ flowId: flow.flowId, ticket: expect.any(String) })
    expect(flow.stage).toBe('running')
    const bad = await api(`/flows/${flow.flowId}/coordinator`, { method: 'POST', body: JSON.stringify({ command: 'pause' }) })
    expect(bad.status).toBe(400)
    await api(`/flows/${flow.flowId}/coordinator`, { method: 'POST', body: JSON.stringify({ command: 'stop' }) })
    expect(flow.stage).toBe('stopped')
  })
})

describe('logs', () => {
  it('filters by flow, Lucene severity and time range, sorts and sizes', async () => {
    const [orders, , legacy] = sandbox.state.flows
    const query = encodeURIComponent('severity:error AND gridTimestamp:[2026-11-28T09:00:00.000Z TO *]')
    expect((await api(`/logs?query=${query}`)).body.hits.map((hit: { msg: string }) => hit.msg)).toEqual(['a'])
    const both = await api(`/logs?flowId=${orders.flowId}&flowId=${legacy.flowId}&query=severity:error&sort=gridTimestamp:desc`)
    expect(both.body.hits.map((hit: { msg: string }) => hit.msg)).toEqual(['a', 'c'])
    expect(
      (await api(`/logs?flowId=${orders.flowId}&size=1&sort=gridTimestamp:desc`)).body.hits.map((hit: { msg: string }) => hit.msg)
    ).toEqual(['b'])
    expect((await api(`/logs?query=${encodeURIComponent('msg:(a OR b)')}`)).status).toBe(400)
  })
})

describe('faults and the request log', () => {
  it('delays, answers raw bodies, and records what it received', async () => {
    sandbox.fault({ path: '/user', delayMs: 150 })
    const started = Date.now()
    expect((await api('/user')).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    sandbox.fault({ path: '/user', status: 502, raw: '<html>Bad gateway</html>' })
    const raw = await fetch(`${sandbox.url}/user`)
    expect([raw.status, await raw.text()]).toEqual([502, '<html>Bad gateway</html>'])
    expect(sandbox.requests.at(-1)).toMatchObject({ method: 'GET', path: '/user', status: 502 })
  })
})
