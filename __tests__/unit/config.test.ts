import { configParser, inputErrorOf as errorOf } from '../helpers/config.js'

const VALID = { tenant: 'acme', username: 'ops@acme.com', password: 's3cret', endpoint: '/user' }

const configOf = configParser({})

function callOf(inputs: Record<string, string>) {
  const config = configOf(inputs)
  if (!config.call) throw new Error('expected a call')
  return { call: config.call, ...config.waiting }
}

/** A gate: the same inputs without VALID's endpoint. */
function flowsOf(inputs: Record<string, string>) {
  const config = configOf({ ...inputs, endpoint: '' })
  if (!config.gate) throw new Error('expected a flow gate')
  return { ...config.gate, ...config.waiting }
}

const inputErrorOf = (inputs: Record<string, string>) => errorOf(() => configOf(inputs))

describe('parseConfig', () => {
  it('builds the hosted API URL from the tenant and applies the defaults', () => {
    const config = configOf(VALID)
    expect(config.baseUrl.href).toBe('https://api.acme.appmixer.cloud/')
    expect(config.credentials).toEqual({ kind: 'password', username: 'ops@acme.com', password: 's3cret' })
    expect(callOf(VALID).call).toEqual({
      method: 'GET',
      endpoint: '/user',
      query: [],
      headers: [],
      body: { kind: 'none' },
      expect: undefined
    })
    expect(config).toMatchObject({ outputToken: false, failOnHttpError: true, timeoutMs: 30_000, retries: 3, summary: true, warnings: [] })
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('keeps a base-url path prefix and allows plain http on loopback only', () => {
    expect(configOf({ ...VALID, tenant: '', 'base-url': 'https://appmixer.example.com/api/' }).baseUrl.href).toBe(
      'https://appmixer.example.com/api'
    )
    expect(configOf({ ...VALID, tenant: '', 'base-url': 'http://127.0.0.1:2200' }).baseUrl.origin).toBe('http://127.0.0.1:2200')
    expect(configOf({ ...VALID, tenant: '', 'base-url': 'http://localhost:2200' }).baseUrl.origin).toBe('http://localhost:2200')
    expect(configOf({ ...VALID, tenant: '', 'base-url': 'http://[::1]:2200' }).baseUrl.hostname).toBe('[::1]')
  })

  it('parses query and header lines, keeping repeated names and colons in values', () => {
    const { call } = callOf({
      ...VALID,
      endpoint: '/logs',
      query: 'flowId=a\n\nflowId=b\nquery=severity:error AND x=y',
      headers: 'X-Trace: abc:def\nAccept-Language: en'
    })
    expect(call.query).toEqual([
      ['flowId', 'a'],
      ['flowId', 'b'],
      ['query', 'severity:error AND x=y']
    ])
    expect(call.headers).toEqual([
      ['X-Trace', 'abc:def'],
      ['Accept-Language', 'en']
    ])
  })

  it('compacts a JSON body and resolves body-file against the workspace', () => {
    expect(callOf({ ...VALID, method: 'post', body: '{ "command": "start" }' }).call).toMatchObject({
      method: 'POST',
      body: { kind: 'inline', json: '{"command":"start"}' }
    })
    expect(callOf({ ...VALID, method: 'PUT', 'body-file': 'flows/orders.json' }).call.body).toEqual({
      kind: 'file',
      path: '/work/space/flows/orders.json'
    })
  })

  it('accepts a token instead of username and password', () => {
    expect(configOf({ tenant: 'acme', token: 'eyJ.abc.def', endpoint: '/user' }).credentials).toEqual({
      kind: 'token',
      token: 'eyJ.abc.def'
    })
  })

  it.each([
    [{ tenant: 'acme.com' }, 'tenant', /DNS label/],
    [{ tenant: '' }, 'tenant', /set 'tenant'/],
    [{ 'base-url': 'https://x.example.com' }, 'tenant', /not both/],
    [{ tenant: '', 'base-url': 'http://appmixer.example.com' }, 'base-url', /https:\/\//],
    [{ tenant: '', 'base-url': 'ftp://appmixer.example.com' }, 'base-url', /https:\/\//],
    [{ tenant: '', 'base-url': 'not a url' }, 'base-url', /not a URL/],
    [{ tenant: '', 'base-url': 'https://u:p@appmixer.example.com' }, 'base-url', /credentials/],
    [{ password: '' }, 'password', /required/],
    [{ username: '' }, 'username', /required/],
    [{ token: 'abc' }, 'token', /not both/],
    [{ method: 'FETCH' }, 'method', /not one of/],
    [{ endpoint: 'https://evil.example.com/steal' }, 'endpoint', /absolute URL/],
    [{ endpoint: '//evil.example.com/steal' }, 'endpoint', /absolute URL/],
    [{ endpoint: 'flows' }, 'endpoint', /starting with '\/'/],
    [{ endpoint: '/flows\\..\\x' }, 'endpoint', /backslashes/],
    [{ method: 'POST', body: '{"command": start}' }, 'body', /not valid JSON/],
    [{ method: 'POST', body: '{}', 'body-file': 'b.json' }, 'body', /not both/],
    [{ body: '{}' }, 'body', /cannot be sent with GET/],
    [{ timeout: 'soon' }, 'timeout', /not a duration/],
    [{ timeout: '0' }, 'timeout', /longer than zero/],
    [{ retries: '-1' }, 'retries', /whole number/],
    [{ select: '[?stage==' }, 'select', /not a valid JMESPath/],
    [{ headers: 'X-Trace abc' }, 'headers', /line 1 .* has no ':'/],
    [{ headers: 'Authorization: Bearer other' }, 'headers', /set by the action/],
    [{ headers: 'Bad Name: x' }, 'headers', /not a valid header name/],
    [{ query: 'flowId' }, 'query', /has no '='/],
    [{ 'output-token': 'maybe' }, 'output-token', /not a boolean/],
    [{ 'fail-on-http-error': '2' }, 'fail-on-http-error', /not a boolean/]
  ])('refuses %j, naming the input', (override, input, message) => {
    const error = inputErrorOf({ ...VALID, ...override })
    expect(error.input).toBe(input)
    expect(error.message).toMatch(new RegExp(`^Input '${input}': `))
    expect(error.message).toMatch(message)
  })

  it('never quotes the password or token in an error', () => {
    const password = 'pw-Zq81!'
    const token = 'tok-Zq81'
    for (const inputs of <Array<Record<string, string>>>[
      { ...VALID, password, method: 'NOPE' },
      { tenant: 'acme', token, username: 'x' },
      { tenant: 'acme', token: `${token} x` }
    ]) {
      const error = inputErrorOf(inputs)
      expect(error.message).not.toContain(password)
      expect(error.message).not.toContain(token)
    }
  })
})

describe('parseConfig: the gate', () => {
  it('defaults to a single check of a plain call, and on-unavailable fail', () => {
    expect(callOf(VALID)).toMatchObject({ call: { expect: undefined }, waitMs: 0, pollIntervalMs: 15_000 })
    expect(configOf(VALID).onUnavailable).toBe('fail')
    expect(flowsOf({ ...VALID, flows: 'a' })).toEqual({
      waitMs: 0,
      pollIntervalMs: 15_000,
      flows: ['a'],
      stage: 'running',
      command: undefined,
      flowFilter: [],
      maxErrors: undefined,
      errorsWindowMs: 900_000,
      maxUnprocessed: undefined,
      checkAccounts: false,
      holdMs: undefined
    })
    expect(flowsOf({ ...VALID, flows: 'a', command: 'start' }).waitMs).toBe(120_000)
    expect(() => flowsOf({ ...VALID, flows: 'a', command: 'start', wait: '0' })).toThrow(
      "Input 'wait': is 0, but 'start' needs time to reach its stage"
    )
  })

  it('warns, at config time, of a wait that has no effect', () => {
    expect(configOf({ ...VALID, wait: '1m' }).warnings).toEqual([
      "Input 'wait' has no effect without 'expect' (or 'flows'): the call is made once"
    ])
    expect(configOf({ ...VALID, wait: '1m', expect: 'id' }).warnings).toEqual([])
  })

  it('reads flows one a line and gates a stop on stopped unless a stage is given', () => {
    const gate = flowsOf({ ...VALID, flows: ' Orders sync \n\n9089f275-f5a5\n', command: 'stop' })
    expect(gate.flows).toEqual(['Orders sync', '9089f275-f5a5'])
    expect(gate.stage).toBe('stopped')
    expect(flowsOf({ ...VALID, flows: 'a', command: 'stop', stage: 'stopped' }).stage).toBe('stopped')
    expect(flowsOf({ ...VALID, flows: 'a', command: 'start' }).stage).toBe('running')
  })

  it.each([
    [{ command: 'start' }, 'flows', /is empty, but 'command' is set/],
    [{ 'max-errors': '0' }, 'flows', /is empty, but 'max-errors' is set/],
    [{ flows: 'a', endpoint: '/flows' }, 'flows', /cannot be combined with 'endpoint'/],
    [{ endpoint: '' }, 'flows', /^Input 'flows': nothing to check: set flows \(a gate\), endpoint \(a call\), publish, deploy or export$/],
    [{ endpoint: '', flows: ' \n ' }, 'flows', /nothing to check/],
    [{ endpoint: '', expect: 'id' }, 'endpoint', /is empty, but 'expect' is set/],
    [{ endpoint: '', method: 'POST' }, 'endpoint', /is empty, but 'method' is set/],
    [
      { endpoint: '', flows: 'a', command: 'start', stage: 'stopped' },
      'stage',
      /'stopped' contradicts command 'start', which leads to running/
    ],
    [{ endpoint: '', flows: 'a', command: 'stop', stage: 'running' }, 'stage', /contradicts command 'stop'/],
    [{ endpoint: '', flows: 'a', command: 'restart', stage: 'stopped' }, 'stage', /contradicts command 'restart'/],
    [{ endpoint: '', flows: 'a', 'errors-window': '99999999999h' }, 'errors-window', /longer than ten years/],
    [{ flows: 'a', expect: 'true' }, 'expect', /cannot be combined with 'flows'/],
    [{ flows: 'a', command: 'reboot' }, 'command', /not one of start, stop, restart/],
    [{ flows: 'a', 'flow-filter': 'userId' }, 'flow-filter', /line 1 'userId' is not a filter/],
    [{ 'flow-filter': 'userId:1' }, 'flows', /is empty, but 'flow-filter' is set/],
    [{ timeout: '3000000' }, 'timeout', /longer than the 24 days a step can wait/],
    [{ flows: 'a', wait: '1000h' }, 'wait', /longer than the 24 days a step can wait/],
    [{ headers: 'X-Note: Zahlungseingänge ✓' }, 'headers', /the value of 'X-Note' has '✓', which HTTP headers cannot carry/],
    [{ tenant: '', 'base-url': 'http://ci:Sup3rS3cretPass@127.0.0.1:45678999' }, 'base-url', /^Input 'base-url': contains credentials/],
    [{ flows: 'a', stage: 'done' }, 'stage', /not one of running/],
    [{ flows: 'a', 'max-errors': 'few' }, 'max-errors', /whole number/],
    [{ 'on-unavailable': 'ignore' }, 'on-unavailable', /not one of fail, warn, pass/],
    [{ wait: '5 minutes' }, 'wait', /not a duration/],
    [{ 'poll-interval': '10ms' }, 'poll-interval', /at least 100ms/],
    [{ expect: 'length(' }, 'expect', /not a valid JMESPath/]
  ])('refuses %j', (override, input, message) => {
    const error = inputErrorOf({ ...VALID, ...override })
    expect(error.input).toBe(input)
    expect(error.message).toMatch(message)
  })
})
