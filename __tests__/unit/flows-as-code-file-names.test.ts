/** File names of exported flows: slugs, made unique the same way whatever order the flows came in. */
import { flowFileNames, slugOf } from '../../src/flows-as-code/file-names.js'

describe('slugOf', () => {
  it('lower-cases, drops accents and punctuation, and never gives an empty name', () => {
    expect(slugOf('Orders sync (EU)')).toBe('orders-sync-eu')
    expect(slugOf('Čeština – Ünïcode')).toBe('cestina-unicode')
    expect(slugOf('../../etc/passwd')).toBe('etc-passwd')
    expect(slugOf('!!!')).toBe('flow')
    expect(slugOf('x'.repeat(200))).toHaveLength(80)
  })
})

describe('flowFileNames', () => {
  const flows = [
    { flowId: '1a2b3c4d-0000-4000-8000-000000000001', name: 'Orders sync' },
    { flowId: '9f8e7d6c-0000-4000-8000-000000000002', name: 'orders SYNC' },
    { flowId: '5e5e5e5e-0000-4000-8000-000000000003', name: 'Invoice mailer' }
  ]

  it('gives each flow its slug, and flows whose slugs collide the first 8 characters of their id', () => {
    expect(Object.fromEntries(flowFileNames(flows))).toEqual({
      '1a2b3c4d-0000-4000-8000-000000000001': 'orders-sync-1a2b3c4d.json',
      '9f8e7d6c-0000-4000-8000-000000000002': 'orders-sync-9f8e7d6c.json',
      '5e5e5e5e-0000-4000-8000-000000000003': 'invoice-mailer.json'
    })
  })

  it('gives the same names in any input order', () => {
    const forward = Object.fromEntries(flowFileNames(flows))
    expect(Object.fromEntries(flowFileNames([...flows].reverse()))).toEqual(forward)
    expect(Object.fromEntries(flowFileNames([flows[1], flows[2], flows[0]]))).toEqual(forward)
  })

  it('stays unique when a suffixed name meets another flow’s slug, or two ids share their first 8 characters', () => {
    const tricky = [
      { flowId: '1a2b3c4d-aaaa', name: 'Orders' },
      { flowId: '1a2b3c4d-bbbb', name: 'Orders' },
      { flowId: 'ffff0000-cccc', name: 'Orders 1a2b3c4d' }
    ]
    const names = flowFileNames(tricky)
    expect(new Set(names.values()).size).toBe(3)
    expect(names.get('1a2b3c4d-aaaa')).toBe('orders-1a2b3c4d-aaaa.json')
    expect(Object.fromEntries(flowFileNames([...tricky].reverse()))).toEqual(Object.fromEntries(names))
    const unsafe = flowFileNames([
      { flowId: 'A:B', name: 'x' },
      { flowId: 'a_b', name: 'x' }
    ])
    expect(new Set(unsafe.values()).size).toBe(2)
  })
})
