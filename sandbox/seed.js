// @ts-check
/** The sandbox's default tenant: one user and a few flows, enough for `npm start` to show something. */
import { randomUUID } from 'node:crypto'

export const DEMO_USER = {
  id: '5c88c7cc04a917256c726c3d',
  username: 'demo@example.com',
  email: 'demo@example.com',
  password: 'sandbox-Pa55word!',
  isActive: true,
  plan: 'free',
  scope: ['user']
}

/**
 * @param {string} name
 * @param {string} stage
 * @param {Partial<import('./server.js').SandboxFlow>} [extra]
 * @returns {import('./server.js').SandboxFlow}
 */
export function makeFlow(name, stage = 'running', extra = {}) {
  const time = '2026-11-01T09:00:00.000Z'
  return {
    flowId: randomUUID(),
    userId: DEMO_USER.id,
    name,
    stage,
    btime: time,
    mtime: time,
    started: stage === 'running' ? time : undefined,
    flow: {
      'e15ef119-8fcb-459b-aaae-2a3f9ee41f15': { type: 'appmixer.utils.http.Uptime', label: 'Uptime', source: {}, x: 110, y: 90, config: {} }
    },
    customFields: {},
    sharedWith: [],
    ...extra
  }
}

/** Fixed ids, so the sample flow files in sandbox/flows/ can name a demo flow. */
export const DEMO_FLOW_IDS = {
  ordersSync: '3f5c2a1e-7b8d-4c6e-9a0f-1d2e3f4a5b6c',
  invoiceMailer: '8a9b0c1d-2e3f-4a5b-8c7d-9e0f1a2b3c4d',
  legacyImport: 'c4d5e6f7-0a1b-4c2d-9e3f-5a6b7c8d9e0f'
}

export function demoFlows() {
  return [
    makeFlow('Orders sync', 'running', { flowId: DEMO_FLOW_IDS.ordersSync }),
    makeFlow('Invoice mailer', 'running', { flowId: DEMO_FLOW_IDS.invoiceMailer }),
    makeFlow('Legacy import', 'stopped', { flowId: DEMO_FLOW_IDS.legacyImport })
  ]
}

/** Another user of the tenant, who owns flows shared with the demo user. */
export const OTHER_USER = {
  id: '6d99d8dd15b028367d837d4e',
  username: 'colleague@example.com',
  email: 'colleague@example.com',
  password: 'colleague-Pa55word!',
  isActive: true,
  plan: 'free',
  scope: ['user']
}

/**
 * A flow of another user, shared with the demo user (by email, as Appmixer's `sharedWith` allows).
 * @param {string} name
 * @param {string} [stage]
 * @param {Partial<import('./server.js').SandboxFlow>} [extra]
 */
export function sharedFlow(name, stage = 'running', extra = {}) {
  return makeFlow(name, stage, {
    userId: OTHER_USER.id,
    sharedWith: [{ email: DEMO_USER.email, permissions: ['read', 'start', 'stop'] }],
    ...extra
  })
}

/** @param {Date | number | string} at @returns {string} */
function iso(at) {
  return new Date(at).toISOString()
}

/**
 * An Insights log record with its level in `severity`, as documented (docs/appmixer-api.md §9). An error carries
 * `err` as a JSON string. `flowId` null makes an unattributed record (no `flowId` field).
 * @param {string | null} flowId
 * @param {string} severity e.g. 'error', 'info'
 * @param {Date | number | string} at the record's time (`gridTimestamp` and `@timestamp`)
 * @param {Record<string, unknown>} [extra] more fields, or overrides
 */
export function logRecord(flowId, severity, at, extra = {}) {
  return { severity, ...commonLogFields(flowId, severity, at), ...extra }
}

/**
 * The same record with its level only in `level` (no `severity`), as some tenants store it:
 * a query `severity:error` does not match it.
 * @param {string | null} flowId @param {string} level @param {Date | number | string} at @param {Record<string, unknown>} [extra]
 */
export function levelOnlyRecord(flowId, level, at, extra = {}) {
  return { level, ...commonLogFields(flowId, level, at), ...extra }
}

/** @param {string | null} flowId @param {string} level @param {Date | number | string} at */
function commonLogFields(flowId, level, at) {
  const time = iso(at)
  return {
    ...(flowId === null ? {} : { flowId }),
    componentId: 'e15ef119-8fcb-459b-aaae-2a3f9ee41f15',
    componentType: 'appmixer.utils.http.Uptime',
    entity: 'input-queue',
    gridTimestamp: time,
    '@timestamp': time,
    msg: level === 'error' ? 'Request failed with status code 500' : 'Message processed',
    ...(level === 'error' ? { err: JSON.stringify({ message: 'Request failed with status code 500', name: 'AxiosError' }) } : {})
  }
}

/**
 * `count` error records of a flow, spread evenly over the `withinMinutes` before `now` (the newest at `now`).
 * @param {string | null} flowId
 * @param {number} count
 * @param {{now: number, withinMinutes?: number, levelOnly?: boolean}} options `now` in epoch ms (e.g. `sandbox.now()`);
 *   `withinMinutes` default 5; `levelOnly` puts the level in `level` instead of `severity`
 */
export function errorRecords(flowId, count, { now, withinMinutes = 5, levelOnly = false }) {
  const step = count > 1 ? (withinMinutes * 60_000) / count : 0
  return Array.from({ length: count }, (_, i) => (levelOnly ? levelOnlyRecord : logRecord)(flowId, 'error', now - i * step))
}

/**
 * A large account, fast: `count` flows of the demo user, named `Flow 00001` … , with deterministic ids
 * (`00000000-0000-4000-8000-<12 hex digits of the position>`), and the named targets spread among them (the first at
 * about a third, the rest evenly after), in the order given. 50,000 flows take a few tens of ms.
 * @param {number} count all the flows, targets included
 * @param {string[]} [targetNames]
 * @param {{stage?: string}} [options] the stage of every flow (default 'running')
 * @returns {{flows: import('./server.js').SandboxFlow[], targets: import('./server.js').SandboxFlow[]}}
 */
export function largeAccount(count, targetNames = [], { stage = 'running' } = {}) {
  const time = '2026-11-01T09:00:00.000Z'
  const width = String(count).length
  /** @type {Map<number, string>} */
  const targetAt = new Map(targetNames.map((name, k) => [Math.floor(((k + 1) * count) / (targetNames.length + 1)), name]))
  const flows = Array.from({ length: count }, (_, i) => ({
    flowId: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
    userId: DEMO_USER.id,
    name: targetAt.get(i) ?? `Flow ${String(i + 1).padStart(width, '0')}`,
    stage,
    btime: time,
    mtime: time,
    started: stage === 'running' ? time : undefined,
    flow: { 'e15ef119-8fcb-459b-aaae-2a3f9ee41f15': { type: 'appmixer.utils.http.Uptime', label: 'Uptime', source: {}, config: {} } },
    customFields: {},
    sharedWith: []
  }))
  return { flows, targets: [...targetAt.keys()].map(i => flows[i]) }
}

/**
 * A connected account of the demo user (docs/appmixer-api.md §11), and how `POST /accounts/:id/test` answers for it.
 * @param {string} service e.g. 'appmixer:slack'
 * @param {Partial<import('./accounts.js').SandboxAccount>} [extra] e.g. `{test: 'invalid'}`; `test` defaults to 'valid'
 * @returns {import('./accounts.js').SandboxAccount}
 */
export function makeAccount(service, extra = {}) {
  const label = service.split(':').pop() ?? service
  const name = `${label}@example.com`
  return {
    accountId: randomUUID().replace(/-/g, '').slice(0, 24),
    name,
    displayName: name,
    service,
    userId: DEMO_USER.id,
    profileInfo: { id: name, email: name },
    icon: 'data:image/png;base64,iVBORw0KGgo=',
    label: label[0].toUpperCase() + label.slice(1),
    tokenId: randomUUID().replace(/-/g, '').slice(0, 24),
    test: 'valid',
    ...extra
  }
}

/**
 * A component of a connector (one that needs an account), to put in a flow's `flow`.
 * @param {string} type e.g. 'appmixer.slack.list.SendChannelMessage'
 * @returns {[componentId: string, component: object]}
 */
export function connectorComponent(type) {
  return [randomUUID(), { type, label: type.split('.').pop(), source: {}, x: 300, y: 90, config: { properties: {} } }]
}

/**
 * An unprocessed message (docs/appmixer-api.md §10), `err` a JSON string of an error object.
 * @param {string} flowId
 * @param {Partial<import('./unprocessed.js').UnprocessedMessage>} [extra] e.g. `{created, componentId}`
 * @returns {import('./unprocessed.js').UnprocessedMessage}
 */
export function unprocessedMessage(flowId, extra = {}) {
  const messageId = randomUUID()
  const componentId = extra.componentId ?? 'e15ef119-8fcb-459b-aaae-2a3f9ee41f15'
  return {
    messageId,
    flowId,
    componentId,
    messages: {
      in: [
        {
          properties: {
            correlationId: randomUUID(),
            gridInstanceId: randomUUID(),
            contentType: 'application/json',
            contentEncoding: 'utf8',
            sender: { componentId: 'a1cda3ff-0000-4000-8000-000000000001', type: 'appmixer.utils.controls.OnStart', outputPort: 'out' },
            destination: { componentId, inputPort: 'in' },
            correlationInPort: null,
            componentHeaders: {},
            flowId,
            messageId,
            flowRunId: Date.now()
          },
          content: { text: 'hello' },
          scope: {},
          originalContent: { text: 'hello' }
        }
      ]
    },
    created: '2026-11-28T09:00:00.000Z',
    err: JSON.stringify({ message: 'Request failed with status code 503', name: 'AxiosError', code: 'ERR_BAD_RESPONSE' }),
    ...extra
  }
}

/**
 * `count` unprocessed messages of a flow, created a minute apart up to `now` (epoch ms).
 * @param {string} flowId @param {number} count @param {{now: number}} options
 */
export function deadLetters(flowId, count, { now }) {
  return Array.from({ length: count }, (_, i) => unprocessedMessage(flowId, { created: iso(now - (count - 1 - i) * 60_000) }))
}

/**
 * The tenant `npm run sandbox` serves: demoFlows(), where 'Orders sync' sends to Slack and 'Invoice mailer' mails with
 * Gmail, each component bound to a demo account; every account tests `valid`, but with `invalidAccount` the Gmail
 * account tests `invalid`.
 * @param {{invalidAccount?: boolean}} [options]
 */
export function demoTenant({ invalidAccount = false } = {}) {
  const flows = demoFlows()
  const slack = makeAccount('appmixer:slack')
  const gmail = makeAccount('appmixer:google', { test: invalidAccount ? 'invalid' : 'valid' })
  const [orders, invoices] = flows
  /** @type {Record<string, string>} */
  const assignments = {}
  for (const [flow, account, type] of /** @type {const} */ ([
    [orders, slack, 'appmixer.slack.list.SendChannelMessage'],
    [invoices, gmail, 'appmixer.google.gmail.SendEmail']
  ])) {
    const [componentId, component] = connectorComponent(type)
    flow.flow = { ...flow.flow, [componentId]: component }
    assignments[componentId] = account.accountId
  }
  return { flows, accounts: [slack, gmail], assignments }
}
