/**
 * `check-accounts`: the connected accounts the gated flows use, each tested once a round however
 * many flows use it (docs/appmixer-api.md §11). A flow's accounts come from
 * `GET /accounts/flow/:flowId` (`{componentId: accountId | null}`), their names and services from
 * `GET /accounts`, the test from `POST /accounts/:id/test`. A test answers
 * `{"<tokenId>": "valid" | "refreshed" | "invalid"}` or `{ok: true}`; anything else (`{}`, an
 * error status, another shape) means the account could not be tested, which is not valid. An
 * account that is not valid fails the gate at once: waiting does not sign anyone in again. It
 * also runs before any command is sent (see `beforeCommand`).
 */
import type { AppmixerClient } from '../../appmixer.js'
import { mapConcurrently } from '../../concurrency.js'
import { ActionError, HttpError, quote, visible } from '../../errors.js'
import type { FlowInfo } from '../flows.js'
import type { CheckOutcome, FlowFinding, GateCheck } from './check.js'

export type AccountStatus = 'valid' | 'invalid' | 'unknown'

/** One entry of a flow's `accounts` in output `flows`. */
export interface AccountEntry {
  readonly accountId: string
  readonly service: string
  readonly name: string
  readonly status: AccountStatus
}

interface Tested extends AccountEntry {
  /** Why it is not valid, in a few words: `answered {}`, `answered 500 Internal Server Error: …`. */
  readonly reason?: string
}

/** Accounts and flows named in one problem line; the rest are counted. */
const NAMED = 3

export const accountsCheck: GateCheck = {
  name: 'accounts',
  applies: gate => gate.checkAccounts,
  fields: ['accounts'],
  beforeCommand: true,
  run: async ({ client, targets, current, deadline }): Promise<CheckOutcome> => {
    // A flow that no longer exists has no accounts to test: the stage check says it is gone.
    const present = targets.filter(flow => current.has(flow.flowId))
    // The list of accounts (their names) is read alongside the flows' assignments: one round trip less.
    const [used, known] = await Promise.all([
      mapConcurrently(present, flow => accountsOfFlow(client, flow, deadline)),
      listAccounts(client, deadline)
    ])
    const ids = [...new Set(used.flat())]
    const tested = new Map(
      (
        await mapConcurrently(ids, async (accountId): Promise<Tested> => {
          const account = known.get(accountId)
          const { status, reason } = await testAccount(client, accountId, deadline)
          return { accountId, service: account?.service ?? 'unknown service', name: account?.name ?? accountId, status, reason }
        })
      ).map(account => [account.accountId, account])
    )
    const perFlow = new Map<string, FlowFinding>()
    const usedBy = new Map<string, FlowInfo[]>()
    present.forEach((flow, index) => {
      const accounts = used[index].map(id => tested.get(id)!)
      for (const account of accounts) usedBy.set(account.accountId, [...(usedBy.get(account.accountId) ?? []), flow])
      const bad = accounts.filter(account => account.status !== 'valid')
      perFlow.set(flow.flowId, {
        fields: { accounts: accounts.map(({ accountId, service, name, status }) => ({ accountId, service, name, status })) },
        problem: bad.length
          ? bad.map(account => `uses account ${accountLabel(account)}, which ${statusWords(account)}`).join(', and ')
          : undefined
      })
    })
    for (const flow of targets) if (!perFlow.has(flow.flowId)) perFlow.set(flow.flowId, { fields: { accounts: null } })
    const bad = [...tested.values()].filter(account => account.status !== 'valid')
    if (!bad.length) return { perFlow }
    const lines = bad.map(
      account => `${accountLabel(account)} ${statusWords(account)}, used by ${flowNames(usedBy.get(account.accountId) ?? [])}`
    )
    const shown = lines.slice(0, NAMED)
    if (lines.length > NAMED) shown.push(`and ${lines.length - NAMED} more accounts`)
    return {
      perFlow,
      final: true,
      problem: `${bad.length} account${bad.length === 1 ? '' : 's'} not valid: ${shown.join('; ')}`,
      details: [
        'Accounts not valid (reconnect them in Appmixer, then run the step again):',
        ...lines.map(line => `- ${line}`),
        ...bad.filter(account => account.reason).map(account => `- ${accountLabel(account)}: ${account.reason}`)
      ]
    }
  }
}

/** The ids of the accounts a flow's components use, each once. */
async function accountsOfFlow(client: AppmixerClient, flow: FlowInfo, deadline?: number): Promise<string[]> {
  const path = `/accounts/flow/${encodeURIComponent(flow.flowId)}`
  const body = await client.getJson(path, [], deadline)
  const where = `GET ${path} (${quote(flow.name)}) at ${client.baseUrl.origin}`
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ActionError(`Could not read the accounts of a flow: ${where} answered ${describeShape(body)}, not {componentId: accountId}`)
  }
  const ids = new Set<string>()
  for (const accountId of Object.values(body as Record<string, unknown>)) {
    // null: a component bound to no account.
    if (accountId === null) continue
    if (typeof accountId !== 'string' || !accountId) {
      throw new ActionError(`Could not read the accounts of a flow: ${where} answered an account id that is not a string`)
    }
    ids.add(accountId)
  }
  return [...ids]
}

/** Names and services by account id; `name` is the account's `displayName`, else its `name`. */
async function listAccounts(client: AppmixerClient, deadline?: number): Promise<Map<string, { name: string; service: string }>> {
  const body = await client.getJson('/accounts', [], deadline)
  if (!Array.isArray(body)) {
    throw new ActionError(`Could not list accounts: GET /accounts at ${client.baseUrl.origin} answered ${describeShape(body)}, not a list`)
  }
  const known = new Map<string, { name: string; service: string }>()
  for (const item of body) {
    const account = (item ?? {}) as Record<string, unknown>
    if (typeof account.accountId !== 'string') continue
    const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined)
    known.set(account.accountId, {
      name: text(account.displayName) ?? text(account.name) ?? account.accountId,
      service: text(account.service) ?? 'unknown service'
    })
  }
  return known
}

/** One test. An unreachable Appmixer is thrown (a wait may ride it out); any answer is a status. */
async function testAccount(
  client: AppmixerClient,
  accountId: string,
  deadline?: number
): Promise<{ status: AccountStatus; reason?: string }> {
  let body: unknown
  try {
    body = await client.postJson(`/accounts/${encodeURIComponent(accountId)}/test`, {}, [], deadline)
  } catch (error) {
    if (error instanceof HttpError)
      return { status: 'unknown', reason: `the test answered ${error.statusLine}${error.detail ? `: ${error.detail}` : ''}` }
    if (error instanceof ActionError && error.verdict !== 'unavailable') return { status: 'unknown', reason: error.message }
    throw error
  }
  return readTest(body)
}

/** `{ok: true}`, or token states every one `valid` or `refreshed`: valid; any `invalid`: invalid; anything else: unknown. */
export function readTest(body: unknown): { status: AccountStatus; reason?: string } {
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const { ok, ...tokens } = body as Record<string, unknown>
    const states = Object.values(tokens)
    // An invalid token outweighs anything else the answer says (`{ok: true, "<tokenId>": "invalid"}`).
    if (states.includes('invalid')) return { status: 'invalid', reason: 'a token of it is invalid' }
    const allValid = states.every(value => value === 'valid' || value === 'refreshed')
    if (allValid && (ok === true || (ok === undefined && states.length > 0))) return { status: 'valid' }
  }
  return { status: 'unknown', reason: `the test answered ${visible(JSON.stringify(body) ?? String(body), 80)}, not a token state` }
}

function accountLabel(account: AccountEntry): string {
  return `${quote(account.name)} (${visible(account.service, 60)})`
}

function statusWords(account: AccountEntry): string {
  return account.status === 'invalid' ? 'is invalid' : 'could not be tested'
}

function flowNames(flows: readonly FlowInfo[]): string {
  const named = flows.slice(0, NAMED).map(flow => quote(flow.name))
  if (flows.length > NAMED) named.push(`${flows.length - NAMED} more`)
  return named.join(', ')
}

function describeShape(body: unknown): string {
  if (body === null) return 'null'
  if (Array.isArray(body)) return 'a list'
  if (typeof body !== 'object') return typeof body
  return visible(`an object with ${Object.keys(body).slice(0, 5).join(', ') || 'no keys'}`, 120)
}
