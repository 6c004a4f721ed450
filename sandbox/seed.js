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

export function demoFlows() {
  return [makeFlow('Orders sync'), makeFlow('Invoice mailer'), makeFlow('Legacy import', 'stopped')]
}
