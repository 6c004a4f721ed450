/**
 * Unprocessed messages (docs/appmixer-api.md §10): the list of the user's own and shared
 * flows' messages, by flow and by page, one message, delete and retry, and the hostile options
 * that ignore flowId or paging.
 */
import { startSandbox } from '../../sandbox/server.js'
import { DEMO_USER, OTHER_USER, deadLetters, makeFlow, sharedFlow, unprocessedMessage } from '../../sandbox/seed.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
let sandbox: Sandbox
afterEach(() => sandbox?.close())

async function api(path: string, method = 'GET') {
  const response = await fetch(`${sandbox.url}${path}`, { method, headers: { authorization: `Bearer ${sandbox.tokenFor()}` } })
  return { status: response.status, body: (await response.json()) as any } // eslint-disable-line @typescript-eslint/no-explicit-any
}
const ids = (messages: Array<{ messageId: string }>) => messages.map(message => message.messageId)

describe('GET /unprocessed-messages', () => {
  const mine = makeFlow('Orders sync')
  const shared = sharedFlow('Shared with me')
  const private_ = makeFlow('Not mine', 'running', { userId: OTHER_USER.id })
  const now = Date.parse('2026-11-28T10:00:00.000Z')

  async function seeded(options: Parameters<typeof startSandbox>[0] = {}) {
    const unprocessed = [
      ...deadLetters(mine.flowId, 3, { now }),
      unprocessedMessage(shared.flowId, { componentId: 'c-shared' }),
      unprocessedMessage(private_.flowId)
    ]
    sandbox = await startSandbox({ users: [DEMO_USER, OTHER_USER], flows: [mine, shared, private_], unprocessed, ...options })
    return unprocessed
  }

  it('lists the messages of own and shared flows, by flowId, offset and limit', async () => {
    const [a, b, c, s] = await seeded()
    const { body } = await api('/unprocessed-messages')
    expect(ids(body)).toEqual(ids([a, b, c, s]))
    expect(body[0]).toEqual({
      messageId: a.messageId,
      flowId: mine.flowId,
      componentId: a.componentId,
      messages: { in: [expect.objectContaining({ content: { text: 'hello' } })] },
      created: '2026-11-28T09:58:00.000Z',
      err: expect.any(String)
    })
    expect(JSON.parse(body[0].err)).toMatchObject({ message: 'Request failed with status code 503' })
    expect(ids((await api(`/unprocessed-messages?flowId=${mine.flowId}&offset=1&limit=1`)).body)).toEqual([b.messageId])
    expect(ids((await api(`/unprocessed-messages?flowId=${shared.flowId}`)).body)).toEqual([s.messageId])
    expect((await api(`/unprocessed-messages?flowId=${private_.flowId}`)).body).toEqual([])
    expect((await api('/unprocessed-messages?limit=x')).status).toBe(400)
  })

  it('answers one message, deletes it, and takes a retried one off the list', async () => {
    const [a, b, c] = await seeded()
    expect((await api(`/unprocessed-messages/${a.messageId}`)).body).toEqual(a)
    expect(await api(`/unprocessed-messages/${a.messageId}`, 'DELETE')).toEqual({ status: 200, body: {} })
    expect((await api(`/unprocessed-messages/${a.messageId}`)).status).toBe(404)
    expect((await api(`/unprocessed-messages/${b.messageId}/retry`, 'POST')).body).toEqual({})
    expect((await api(`/unprocessed-messages/${c.messageId}`, 'POST')).body).toEqual({})
    expect((await api(`/unprocessed-messages?flowId=${mine.flowId}`)).body).toEqual([])
    const other = sandbox.state.unprocessed.find(message => message.flowId === private_.flowId)!
    expect((await api(`/unprocessed-messages/${other.messageId}`)).status).toBe(404)
  })

  it('can ignore flowId, or paging, as a broken server would', async () => {
    await seeded({ unprocessedIgnoresFlowId: true })
    expect((await api(`/unprocessed-messages?flowId=${shared.flowId}`)).body).toHaveLength(4)
    sandbox.state.realWorld.unprocessedIgnoresFlowId = false
    sandbox.state.realWorld.unprocessedIgnoresPaging = true
    expect((await api(`/unprocessed-messages?flowId=${mine.flowId}&offset=2&limit=1`)).body).toHaveLength(3)
  })
})
