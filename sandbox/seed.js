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
