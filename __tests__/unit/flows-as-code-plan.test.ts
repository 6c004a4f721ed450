/** Plans: create / update / unchanged per flow, added / removed / changed per component. */
import { deployBody } from '../../src/flows-as-code/deploy-body.js'
import type { FlowFile } from '../../src/flows-as-code/flow-file.js'
import { planFlow } from '../../src/flows-as-code/plan.js'

const FILE: FlowFile = {
  flowId: 'f1',
  name: 'Orders sync',
  customFields: { team: 'billing' },
  flow: {
    trigger: { type: 'appmixer.utils.http.Uptime', x: 1, y: 2, config: {} },
    send: { type: 'appmixer.slack.list.Send', source: { in: { trigger: ['up'] } }, config: { properties: { channel: 'C1' } } }
  }
}
const source = (flow: FlowFile = FILE) => ({ file: 'flows/orders-sync.json', flow })

/** The flow as Appmixer holds it after a deploy of FILE: server fields, stamped versions, a bound account, keys in another order. */
const LIVE = {
  stage: 'running',
  userId: 'u1',
  mtime: '2026-11-01T00:00:00.000Z',
  flow: {
    send: {
      config: { properties: { account: 'acc-1', channel: 'C1' } },
      version: '2.0.0',
      source: { in: { trigger: ['up'] } },
      type: 'appmixer.slack.list.Send'
    },
    trigger: { y: 2, x: 1, version: '1.0.0', config: {}, type: 'appmixer.utils.http.Uptime' }
  },
  customFields: { team: 'billing' },
  name: 'Orders sync',
  flowId: 'f1'
}

describe('planFlow', () => {
  it('creates an absent flow, all its components added', () => {
    expect(planFlow(source(), undefined)).toEqual({
      flowId: 'f1',
      name: 'Orders sync',
      file: 'flows/orders-sync.json',
      change: 'create',
      components: { added: ['send', 'trigger'], removed: [], changed: [] },
      fields: []
    })
  })

  it('finds no change in key order, engine-stamped versions or accounts the file leaves out', () => {
    expect(planFlow(source(), LIVE)).toMatchObject({ change: 'unchanged', components: { added: [], removed: [], changed: [] }, fields: [] })
  })

  it('names the components added, removed and changed, and the fields that differ', () => {
    const edited: FlowFile = {
      ...FILE,
      name: 'Orders sync v2',
      flow: {
        send: { ...FILE.flow.send, config: { properties: { channel: 'C2' } } },
        mail: { type: 'appmixer.utils.email.SendEmail' }
      }
    }
    expect(planFlow(source(edited), LIVE)).toMatchObject({
      change: 'update',
      components: { added: ['mail'], removed: ['trigger'], changed: ['send'] },
      fields: ['name']
    })
  })

  it('counts a version the file sets, or a new component type, as a change', () => {
    const pinned: FlowFile = { ...FILE, flow: { ...FILE.flow, trigger: { ...FILE.flow.trigger, version: '1.1.0' } } }
    expect(planFlow(source(pinned), LIVE).components.changed).toEqual(['trigger'])
    const retyped: FlowFile = {
      ...FILE,
      flow: { ...FILE.flow, trigger: { ...FILE.flow.trigger, type: 'appmixer.utils.timers.Scheduler' } }
    }
    expect(planFlow(source(retyped), LIVE).components.changed).toEqual(['trigger'])
  })

  it('leaves a field the file does not hold as it is', () => {
    const { customFields: _dropped, ...withoutFields } = FILE
    expect(planFlow(source(withoutFields), { ...LIVE, description: 'kept' }).change).toBe('unchanged')
  })
})

describe('deployBody', () => {
  it('sends the file fields, with the live version and account where the file has none and the type is the same', () => {
    const body = deployBody(FILE, LIVE)
    expect(Object.keys(body)).toEqual(['name', 'customFields', 'flow'])
    expect(body.flow.send).toEqual({ ...FILE.flow.send, version: '2.0.0', config: { properties: { channel: 'C1', account: 'acc-1' } } })
    const retyped = deployBody({ ...FILE, flow: { send: { type: 'other.type.x.Y' } } }, LIVE)
    expect(retyped.flow.send).toEqual({ type: 'other.type.x.Y' })
    expect(deployBody(FILE).flow).toEqual(FILE.flow)
  })
})
