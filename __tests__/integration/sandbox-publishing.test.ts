/**
 * The uploader ticket as the vendor may write it (docs/appmixer-api.md §12): besides the
 * documented form, `err` as an object, `data` as an object, `finished: true`, and Ajv 8 errors.
 */
import { zipSync } from 'fflate'
import { startSandbox } from '../../sandbox/server.js'

type Sandbox = Awaited<ReturnType<typeof startSandbox>>
let sandbox: Sandbox
afterEach(() => sandbox?.close())

const manifest = (fields: object) => new TextEncoder().encode(JSON.stringify(fields))
const withoutLabel = zipSync({ 'acme/crm/service.json': manifest({ name: 'acme.crm', description: 'd' }) })
const good = zipSync({ 'acme/crm/service.json': manifest({ name: 'acme.crm', label: 'CRM', description: 'd' }) })

/** Uploads a zip and reads its ticket once (the default ticket is done at the first read). */
async function publish(zip: Uint8Array) {
  const headers = { authorization: `Bearer ${sandbox.tokenFor()}` }
  const upload = await fetch(`${sandbox.url}/components`, {
    method: 'POST',
    body: zip,
    headers: { ...headers, 'content-type': 'application/octet-stream' }
  })
  const { ticket } = (await upload.json()) as { ticket: string }
  return (await (await fetch(`${sandbox.url}/components/uploader/${ticket}`, { headers })).json()) as any // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('the uploader ticket, as the vendor writes it', () => {
  it('answers the documented form by default: a timestamp, a string err, ajv 6 errors in an array', async () => {
    sandbox = await startSandbox()
    expect(await publish(withoutLabel)).toEqual({
      finished: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      err: 'Invalid schema for acme/crm/service.json',
      data: [
        {
          keyword: 'required',
          dataPath: '',
          schemaPath: '#/required',
          params: { missingProperty: 'label' },
          message: "should have required property 'label'"
        }
      ]
    })
  })

  it('writes Ajv 8 errors: instancePath and "must have required property"', async () => {
    sandbox = await startSandbox({ publishing: { ajvVersion: 8 } })
    expect((await publish(withoutLabel)).data).toEqual([
      {
        instancePath: '',
        schemaPath: '#/required',
        keyword: 'required',
        params: { missingProperty: 'label' },
        message: "must have required property 'label'"
      }
    ])
  })

  it('answers err as an object, data as an object and finished as true', async () => {
    sandbox = await startSandbox({ publishing: { errAsObject: true, dataAsObject: true, finishedAsTrue: true, ajvVersion: 8 } })
    expect(await publish(withoutLabel)).toEqual({
      finished: true,
      err: { name: 'ValidationError', message: 'Invalid schema for acme/crm/service.json' },
      data: {
        file: 'acme/crm/service.json',
        errors: [expect.objectContaining({ instancePath: '', message: "must have required property 'label'" })]
      }
    })
    expect(await publish(good)).toEqual({ finished: true })
    expect(await publish(zipSync({ 'README.md': manifest({}) }))).toEqual({
      finished: true,
      err: { name: 'ValidationError', message: 'The zip holds no service.json or module.json' },
      data: {}
    })
  })
})
