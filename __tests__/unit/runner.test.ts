/** The runner facade: redaction, neutralised commands, and the action's own outputs left whole. */
import { fakeRunner } from '../../__fixtures__/runner.js'
import { neutralise } from '../../src/runner.js'

describe('neutralise', () => {
  it('breaks old-style ##[commands] anywhere and ::commands at a line start, invisibly', () => {
    const forged = 'Audit ##[set-output name=response]{"forged":true}'
    expect(neutralise(forged)).not.toContain('##[')
    expect(neutralise(forged).replace(/\u2060/g, '')).toBe(forged)
    expect(neutralise('  ::stop-commands::x')).not.toMatch(/^\s*::/)
    expect(neutralise('a\n::error::b')).not.toMatch(/^::/m)
    expect(neutralise('keys a::b stay')).toBe('keys a::b stay')
  })
})

describe('createRunner', () => {
  it('redacts text from Appmixer in lines and outputs, but not the action own outputs', () => {
    const { runner, recorded } = fakeRunner({})
    runner.secret('s')
    runner.info('status is s')
    runner.output('response', '{"echo":"s"}')
    runner.ownOutput('result', 'pass')
    expect(recorded.lines).toEqual(['***tatu*** i*** ***'])
    expect(recorded.outputs).toEqual({ response: '{"echo":"***"}', result: 'pass' })
  })

  it('keeps an info line one line, and neutralises it', () => {
    const { runner, recorded } = fakeRunner({})
    runner.info('flow\n::error::forged ##[set-output name=x]y')
    expect(recorded.lines).toHaveLength(1)
    expect(recorded.lines[0]).not.toContain('##[')
  })
})
