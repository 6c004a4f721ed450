/**
 * Flow files: the same flow gives the same bytes whatever order Appmixer sends its keys in,
 * server fields and account bindings stay out, and a file that is not a flow is named.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { canonicalJson } from '../../src/flows-as-code/canonical.js'
import { flowFileText, parseFlowFile } from '../../src/flows-as-code/flow-file.js'
import { InputError } from '../../src/errors.js'

const ANSWER = {
  userId: '58593f07c3ee4f239dc69ff7',
  flowId: '9089f275-f5a5-4796-ba23-365412c5666e',
  stage: 'running',
  name: 'Flow #4',
  btime: '2018-03-29T19:24:08.950Z',
  mtime: '2018-04-05T12:50:15.952Z',
  thumbnail: 'data:image/svg+xml,…',
  runtimeErrors: [],
  stageChangeInfo: { reason: 'start-by-user' },
  sharedWith: [{ email: 'david@client.io', permissions: ['read'] }],
  customFields: { team: 'billing', env: 'production' },
  type: 'automation',
  flow: {
    'e15ef119-8fcb-459b-aaae-2a3f9ee41f15': { type: 'appmixer.utils.http.Uptime', label: 'Uptime', source: {}, x: 110, y: 90, config: {} },
    '43f1f63a-ecd2-42dc-a618-8c96b4acc767': {
      version: '2.1.0',
      type: 'appmixer.slack.list.SendChannelMessage',
      source: { in: { 'e15ef119-8fcb-459b-aaae-2a3f9ee41f15': ['up'] } },
      x: 320,
      y: -10,
      config: { properties: { channelId: 'C01', account: '5a6e21f3b266224186ac7d04' }, transform: { in: {} } }
    }
  }
}

/** The same value with every object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, reversed(item)])
  )
}

describe('flowFileText', () => {
  it('keeps the flow file fields in their order, nested keys sorted, 2-space indent and a final newline', () => {
    const text = flowFileText(ANSWER)
    expect(text.endsWith('}\n')).toBe(true)
    const parsed = JSON.parse(text)
    expect(Object.keys(parsed)).toEqual(['flowId', 'name', 'type', 'customFields', 'flow'])
    expect(text).toContain('\n  "customFields": {\n    "env": "production",\n    "team": "billing"\n  },')
    expect(Object.keys(parsed.flow)).toEqual(['43f1f63a-ecd2-42dc-a618-8c96b4acc767', 'e15ef119-8fcb-459b-aaae-2a3f9ee41f15'])
    expect(Object.keys(parsed.flow['43f1f63a-ecd2-42dc-a618-8c96b4acc767'])).toEqual(['config', 'source', 'type', 'version', 'x', 'y'])
    // The layout is JSON.stringify's, once the keys are sorted.
    expect(text).toBe(`${JSON.stringify(parsed, null, 2)}\n`)
  })

  it('leaves out server fields and the account binding, keeps component versions', () => {
    const parsed = JSON.parse(flowFileText(ANSWER))
    for (const field of ['stage', 'userId', 'btime', 'mtime', 'thumbnail', 'runtimeErrors', 'stageChangeInfo', 'sharedWith']) {
      expect(parsed[field]).toBeUndefined()
    }
    const slack = parsed.flow['43f1f63a-ecd2-42dc-a618-8c96b4acc767']
    expect(slack.config.properties).toEqual({ channelId: 'C01' })
    expect(slack.version).toBe('2.1.0')
    // Fields Appmixer did not return are not invented.
    expect('description' in parsed).toBe(false)
  })

  it('gives the same bytes whatever order the server gave the keys in', () => {
    expect(flowFileText(reversed(ANSWER))).toBe(flowFileText(ANSWER))
    expect(flowFileText({ ...ANSWER, customFields: { 10: 'a', 2: 'b', b: 1, a: 2 } })).toContain(
      '"customFields": {\n    "10": "a",\n    "2": "b",\n    "a": 2,\n    "b": 1\n  }'
    )
  })

  it('redacts registered secrets inside strings and stays valid JSON', () => {
    const withSecret = { ...ANSWER, description: 'token "s3cr3t-token" inside' }
    const text = flowFileText(withSecret, value => value.replaceAll('s3cr3t-token', '***'))
    expect(text).not.toContain('s3cr3t-token')
    expect(JSON.parse(text).description).toBe('token "***" inside')
  })

  it('refuses an answer that is not a flow', () => {
    expect(() => flowFileText({ flowId: 'x' })).toThrow(/not a flow/)
    expect(() => flowFileText([])).toThrow(/not a flow/)
  })
})

describe('parseFlowFile', () => {
  const file = 'flows/orders.json'
  const problem = (text: string) => {
    try {
      parseFlowFile(text, file)
    } catch (error) {
      expect(error).toBeInstanceOf(InputError)
      return (error as Error).message
    }
    throw new Error('expected a problem')
  }

  it('reads back what flowFileText wrote', () => {
    const text = flowFileText(ANSWER)
    expect(flowFileText(parseFlowFile(text, file))).toBe(text)
  })

  it('names the file and says what is wrong', () => {
    expect(problem('{')).toMatch(/^Input 'deploy': 'flows\/orders.json' is not a flow file: it is not valid JSON/)
    expect(problem('[]')).toMatch(/one JSON object/)
    expect(problem('{"flow": {}}')).toMatch(/no flowId/)
    expect(problem('{"flowId": "", "flow": {}}')).toMatch(/no flowId/)
    expect(problem('{"flowId": "../user", "flow": {}}')).toMatch(/is not an Appmixer id/)
    expect(problem('{"flowId": "a"}')).toMatch(/no flow descriptor/)
    expect(problem('{"flowId": "a", "flow": []}')).toMatch(/no flow descriptor/)
    expect(problem('{"flowId": "a", "flow": {"c1": {"label": "x"}}}')).toMatch(/component 'c1' is not a component/)
    expect(problem('{"flowId": "a", "name": 3, "flow": {}}')).toMatch(/name is not a string/)
    expect(problem('{"flowId": "a", "customFields": [], "flow": {}}')).toMatch(/customFields is not an object/)
    expect(problem('{"flowId": "a", "stage": "running", "flow": {}}')).toMatch(/holds 'stage'; a flow file holds only flowId, name/)
  })
})

describe('the sample flow files', () => {
  it('are written exactly as an export writes them', () => {
    const files = readdirSync('sandbox/flows').filter(name => name.endsWith('.json'))
    expect(files.length).toBe(2)
    for (const name of files) {
      const text = readFileSync(`sandbox/flows/${name}`, 'utf8')
      expect(flowFileText(parseFlowFile(text, name))).toBe(text)
    }
  })
})

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order, and drops undefined members like JSON does', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: undefined, y: null }], a: '' })).toBe('{"a":"","b":[3,{"y":null,"z":1}]}')
    expect(canonicalJson({ b: 1, a: 2, c: 3 }, 0, ['c', 'b'])).toBe('{"c":3,"b":1,"a":2}')
    expect(canonicalJson([undefined, NaN])).toBe('[null,null]')
    expect(canonicalJson({ a: {}, b: [] }, 2)).toBe('{\n  "a": {},\n  "b": []\n}')
  })
})
