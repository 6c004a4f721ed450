/**
 * The local runner (scripts/local-runner.js) that `npm start` and the end-to-end tests run the
 * action with: how long it lets a step run, and where it says an annotation lands.
 */
import { durationMs, runnerView, STEP_MARGIN_MS, stepLimit } from '../../scripts/local-runner.js'

describe('stepLimit', () => {
  const limit = (inputs: Record<string, string>) => stepLimit(inputs).limitMs

  it('without a wait: one timeout for each attempt (action.yml defaults: 30s, 3 retries), plus the margin', () => {
    expect(limit({})).toBe(4 * 30_000 + STEP_MARGIN_MS)
    expect(limit({ timeout: '5s', retries: '0' })).toBe(5_000 + STEP_MARGIN_MS)
  })

  it('with a wait: the wait and one timeout', () => {
    expect(limit({ flows: 'Orders sync', wait: '10m' })).toBe(600_000 + 30_000 + STEP_MARGIN_MS)
    expect(limit({ wait: '1h30m', timeout: '90' })).toBe(5_400_000 + 90_000 + STEP_MARGIN_MS)
  })

  it('a command waits 2m when no wait is given; update-instances 5m', () => {
    expect(limit({ flows: 'x', command: 'restart' })).toBe(120_000 + 30_000 + STEP_MARGIN_MS)
    expect(limit({ 'update-instances': 'true' })).toBe(300_000 + 30_000 + STEP_MARGIN_MS)
    expect(limit({ command: 'stop', wait: '0' })).toBe(4 * 30_000 + STEP_MARGIN_MS)
  })

  it('publishing first adds publish-timeout (5m by default) and a timeout; hold comes on top', () => {
    expect(limit({ publish: 'connectors/crm' })).toBe(300_000 + 30_000 + 4 * 30_000 + STEP_MARGIN_MS)
    expect(limit({ publish: 'c', 'publish-timeout': '1m', wait: '2m', hold: '10m' })).toBe(
      60_000 + 30_000 + 120_000 + 30_000 + 600_000 + STEP_MARGIN_MS
    )
    expect(stepLimit({ publish: 'c', wait: '1m', hold: '1m' }).parts).toEqual([
      'publish-timeout + timeout',
      'wait + timeout',
      'hold',
      '15s margin'
    ])
  })
})

describe('durationMs', () => {
  it('reads durations as the action does', () => {
    expect([durationMs('90s'), durationMs('5m'), durationMs('1h30m'), durationMs('250ms'), durationMs('12')]).toEqual([
      90_000, 300_000, 5_400_000, 250, 12_000
    ])
    expect([durationMs(''), durationMs('soon'), durationMs('5 m'), durationMs(undefined)]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined
    ])
  })
})

describe('runnerView: where an annotation lands', () => {
  it('puts the file and line of an annotation under it', () => {
    const { log } = runnerView(
      [
        '::error title=Appmixer connector,file=connectors/crm/service.json,line=3,col=5::Invalid schema',
        '::warning file=a%2Cb.json::odd name',
        '::error title=Appmixer flow gate::Flow x is stopped',
        '::notice file=x.json,line=1,endLine=4::spans lines'
      ].join('\n'),
      false
    )
    expect(log).toEqual([
      'Error: Invalid schema',
      '  ↳ annotation "Appmixer connector" on connectors/crm/service.json:3:5',
      'Warning: odd name',
      '  ↳ annotation on a,b.json',
      'Error: Flow x is stopped',
      'Notice: spans lines',
      '  ↳ annotation on x.json:1-4'
    ])
  })

  it('masks the place too', () => {
    const { log } = runnerView('::add-mask::s3cret\n::error file=s3cret.json,line=2::leak', false)
    expect(log).toEqual(['Error: leak', '  ↳ annotation on ***.json:2'])
  })
})
