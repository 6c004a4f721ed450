/**
 * Accounts (docs/appmixer-api.md §11): the list, the flows of an account, the assignments of
 * a flow (kept in one map that the /auth/component routes share), and every answer a test of
 * an account can give, counted per account.
 */
import { accountsOfFlow, assignAccount, dropAssignments } from '../../sandbox/accounts.js'
import { startSandbox } from '../../sandbox/server.js'
import { OTHER_USER, connectorComponent, demoTenant, makeAccount, makeFlow } from '../../sandbox/seed.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
let sandbox: Sandbox
afterEach(() => sandbox?.close())

async function api(path: string, method = 'GET') {
  const response = await fetch(`${sandbox.url}${path}`, { method, headers: { authorization: `Bearer ${sandbox.tokenFor()}` } })
  return { status: response.status, body: (await response.json()) as any } // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('accounts', () => {
  it('lists accounts, the flows that use one, and the assignments of a flow', async () => {
    const { flows, accounts, assignments } = demoTenant()
    const theirs = makeAccount('appmixer:slack', { userId: OTHER_USER.id })
    const [slackStep, step] = connectorComponent('appmixer.slack.list.SendChannelMessage')
    const unbound = makeFlow('Unbound', 'stopped', { flow: { ...flows[2].flow, [slackStep]: step } })
    sandbox = await startSandbox({ flows: [...flows, unbound], accounts: [...accounts, theirs], assignments })
    const [slack, gmail] = accounts
    const [orders, invoices, legacy] = flows

    const listed = (await api('/accounts')).body
    expect(listed).toEqual([
      {
        accountId: slack.accountId,
        name: slack.name,
        displayName: slack.displayName,
        service: 'appmixer:slack',
        userId: slack.userId,
        profileInfo: slack.profileInfo,
        icon: slack.icon,
        label: 'Slack'
      },
      expect.objectContaining({ accountId: gmail.accountId, service: 'appmixer:google' })
    ])
    expect((await api('/accounts?filter=service:!appmixer:slack')).body.map((a: { accountId: string }) => a.accountId)).toEqual([
      gmail.accountId
    ])
    expect((await api(`/accounts/${slack.accountId}/flows`)).body).toEqual([{ flowId: orders.flowId, name: 'Orders sync' }])
    expect((await api(`/accounts/${theirs.accountId}/flows`)).status).toBe(404)

    const [ordersSlack] = Object.keys(orders.flow).filter(id => assignments[id])
    // The utility component (appmixer.utils.*) needs no account; a connector component does.
    expect((await api(`/accounts/flow/${orders.flowId}`)).body).toEqual({ [ordersSlack]: slack.accountId })
    expect((await api(`/accounts/flow/${invoices.flowId}`)).body).toEqual({ [Object.keys(invoices.flow)[1]]: gmail.accountId })
    expect((await api(`/accounts/flow/${legacy.flowId}`)).body).toEqual({})
    expect((await api(`/accounts/flow/${unbound.flowId}`)).body).toEqual({ [slackStep]: null })
    expect((await api('/accounts/flow/nope')).status).toBe(404)

    // The shared functions change what the routes answer.
    assignAccount(sandbox.state, slackStep, slack.accountId)
    expect((await api(`/accounts/flow/${unbound.flowId}`)).body).toEqual({ [slackStep]: slack.accountId })
    expect((await api(`/accounts/${slack.accountId}/flows`)).body.map((f: { name: string }) => f.name)).toEqual(['Orders sync', 'Unbound'])
    dropAssignments(sandbox.state, orders.flowId)
    expect(accountsOfFlow(sandbox.state, orders.flowId)).toEqual({ [ordersSlack]: null })
    assignAccount(sandbox.state, slackStep, null)
    expect(sandbox.state.assignments.has(slackStep)).toBe(false)
  })

  it('answers each kind of account test, and counts the tests per account', async () => {
    const kinds = ['valid', 'refreshed', 'invalid', 'ok', 'empty', 'error-500', 'error-400'] as const
    const accounts = kinds.map(test => makeAccount(`appmixer:${test.replace('-', '')}`, { test }))
    sandbox = await startSandbox({ accounts })
    const answers = []
    for (const account of accounts) answers.push(await api(`/accounts/${account.accountId}/test`, 'POST'))
    expect(answers).toEqual([
      { status: 200, body: { [accounts[0].tokenId]: 'valid' } },
      { status: 200, body: { [accounts[1].tokenId]: 'refreshed' } },
      { status: 200, body: { [accounts[2].tokenId]: 'invalid' } },
      { status: 200, body: { ok: true } },
      { status: 200, body: {} },
      { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'An internal server error occurred' } },
      { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Request failed with status code 401' } }
    ])
    await api(`/accounts/${accounts[0].accountId}/test`, 'POST')
    expect(Object.fromEntries(sandbox.state.accountTests)).toEqual({
      ...Object.fromEntries(accounts.map(account => [account.accountId, 1])),
      [accounts[0].accountId]: 2
    })
    expect((await api('/accounts/nope/test', 'POST')).status).toBe(404)
  })

  it('makes the demo tenant account invalid on request', async () => {
    const { accounts } = demoTenant({ invalidAccount: true })
    sandbox = await startSandbox({ accounts })
    const tests = await Promise.all(accounts.map(account => api(`/accounts/${account.accountId}/test`, 'POST')))
    expect(tests.map(({ body }) => Object.values(body)[0])).toEqual(['valid', 'invalid'])
  })
})
