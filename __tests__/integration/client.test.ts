import { systemClock } from '../../src/clock.js'
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER } from '../../sandbox/seed.js'
import { ActionError, UnavailableError } from '../../src/errors.js'
import { clientFor, failureOf } from '../helpers/client.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
let sandbox: Sandbox
let closers: Array<() => unknown> = []

beforeEach(async () => {
  sandbox = await startSandbox()
})
afterEach(async () => {
  for (const close of closers) await close()
  closers = []
  await sandbox.close()
})

function connect(...args: Parameters<typeof clientFor>) {
  const wired = clientFor(...args)
  closers.push(() => wired.transport.close())
  return wired
}

describe('AppmixerClient against the sandbox', () => {
  it('signs in with POST /user/auth, hands over the token first, then sends it as a Bearer token', async () => {
    const { client, tokens } = connect(sandbox.url)
    const session = await client.signIn()
    expect(tokens).toEqual([session.token])
    expect(session.userId).toBe(DEMO_USER.id)
    const response = await client.send({ method: 'GET', path: '/user' })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.text).username).toBe(DEMO_USER.username)
    const [auth, user] = sandbox.requests
    expect(auth.method).toBe('POST')
    expect(auth.path).toBe('/user/auth')
    expect(auth.headers.authorization).toBeUndefined()
    expect(JSON.parse(auth.body)).toEqual({ username: DEMO_USER.username, password: DEMO_USER.password })
    expect(user.headers.authorization).toBe(`Bearer ${session.token}`)
    expect(user.headers['user-agent']).toBe('appmixer-action/test')
  })

  it('reuses one keep-alive connection for sign-in and calls', async () => {
    const { client } = connect(sandbox.url)
    await client.signIn()
    await client.send({ method: 'GET', path: '/user' })
    await client.send({ method: 'GET', path: '/flows' })
    expect(new Set(sandbox.requests.map(request => request.socket)).size).toBe(1)
  })

  it('reports refused credentials with the user and host, and does not retry them', async () => {
    const { client } = connect(sandbox.url, { credentials: { kind: 'password', username: DEMO_USER.username, password: 'wrong-password' } })
    const error = await failureOf(client.signIn())
    expect(error).toBeInstanceOf(ActionError)
    expect(error.message).toContain(`refused the credentials of user '${DEMO_USER.username}' at ${sandbox.url}`)
    expect(error.message).toContain('403')
    expect(error.message).not.toContain('wrong-password')
    expect(sandbox.requests).toHaveLength(1)
  })

  it('uses a given token without signing in, reading the user id from it', async () => {
    const token = sandbox.tokenFor()
    const { client, tokens } = connect(sandbox.url, { credentials: { kind: 'token', token } })
    expect(tokens).toEqual([token])
    expect(client.userId).toBe(DEMO_USER.id)
    expect((await client.send({ method: 'GET', path: '/user' })).status).toBe(200)
    expect(sandbox.requests.map(request => request.path)).toEqual(['/user'])
  })

  it('signs in again once when the token has expired', async () => {
    sandbox.state.tokenLifetimeSeconds = -1
    const { client, tokens } = connect(sandbox.url)
    await client.signIn()
    sandbox.state.tokenLifetimeSeconds = 3600
    const response = await client.send({ method: 'GET', path: '/user' })
    expect(response.status).toBe(200)
    expect(tokens).toHaveLength(2)
    expect(sandbox.requests.map(request => `${request.method} ${request.path} ${request.status}`)).toEqual([
      'POST /user/auth 200',
      'GET /user 401',
      'POST /user/auth 200',
      'GET /user 200'
    ])
  })

  it('does not carry the token to another origin on a redirect', async () => {
    const other = await startSandbox()
    closers.push(() => other.close())
    sandbox.fault({ path: '/flows', status: 302, headers: { location: `${other.url}/flows` }, body: {} })
    const { client } = connect(sandbox.url)
    const error = await failureOf(client.send({ method: 'GET', path: '/flows' }))
    expect(error.message).toContain(`was redirected to ${other.url}; not followed`)
    expect(other.requests).toHaveLength(0)
  })

  it('refuses a redirect to a location that is not a URL', async () => {
    sandbox.fault({ path: '/user', status: 302, headers: { location: 'http://[broken' }, body: {} })
    const { client } = connect(sandbox.url)
    const error = await failureOf(client.send({ method: 'GET', path: '/user' }))
    expect(error.message).toContain('redirected to an unreadable location')
  })

  it('follows a redirect within the same origin', async () => {
    sandbox.fault({ path: '/old-user', status: 301, headers: { location: '/user' }, body: {} })
    const { client } = connect(sandbox.url)
    const response = await client.send({ method: 'GET', path: '/old-user' })
    expect(response.status).toBe(200)
  })

  it('says so when nothing listens, after the configured retries', async () => {
    const closed = await startSandbox()
    const url = closed.url
    await closed.close()
    const { client, log } = connect(url, { retries: 2 })
    const error = await failureOf(client.signIn())
    expect(error).toBeInstanceOf(UnavailableError)
    expect(error.message).toBe(`POST /user/auth at ${url} failed after 3 attempts: connection refused (ECONNREFUSED)`)
    expect(log).toHaveLength(2)
  })

  it('cuts a request that hangs at the timeout', async () => {
    sandbox.fault({ path: '/user', hang: true, times: 5 })
    const { client } = connect(sandbox.url, { timeoutMs: 200, retries: 1 })
    await client.signIn()
    const started = Date.now()
    const error = await failureOf(client.send({ method: 'GET', path: '/user' }))
    expect(error.message).toMatch(/failed after 2 attempts: no answer within 200ms/)
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('cuts a body that trickles in a byte at a time at the timeout, headers or not', async () => {
    sandbox.fault({ path: '/user', trickleMs: 20, times: 5 })
    const { client } = connect(sandbox.url, { timeoutMs: 300, retries: 1 })
    await client.signIn()
    const started = Date.now()
    const error = await failureOf(client.send({ method: 'GET', path: '/user' }))
    expect(error.message).toMatch(/failed after 2 attempts: no answer within 300ms/)
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it("cuts an attempt at the wait's deadline plus one timeout, and sends nothing after that", async () => {
    sandbox.fault({ path: '/user', hang: true })
    const now = 1_000_000
    const token = sandbox.tokenFor()
    const clock = { ...systemClock, now: () => now }
    const { client } = connect(sandbox.url, { timeoutMs: 5_000, clock, credentials: { kind: 'token', token } })
    const cut = await failureOf(client.send({ method: 'GET', path: '/user' }, now - 4_900))
    expect(cut.message).toBe(`GET /user at ${sandbox.url} failed: no answer within 100ms (cut at the wait's deadline plus one 'timeout')`)
    const late = await failureOf(client.send({ method: 'GET', path: '/user' }, now - 6_000))
    expect(late.message).toContain("not sent: the wait's deadline and one 'timeout' have passed")
    expect(sandbox.requests).toHaveLength(1)
  })

  it('retries a 503 and returns the answer that follows', async () => {
    sandbox.fault({ path: '/user', status: 503, times: 2 })
    const { client, log } = connect(sandbox.url)
    const response = await client.send({ method: 'GET', path: '/user' })
    expect(response.status).toBe(200)
    expect(log[0]).toMatch(/^GET \/user: 503 Service Unavailable \(attempt 1 of 4\); retrying in \d+ms$/)
  })
})
