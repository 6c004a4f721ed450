// @ts-check
/**
 * Publishing a connector, as Appmixer does it (docs/appmixer-api.md §12): `POST /components`
 * takes a zip (application/octet-stream, at most 10 MB), unpacks it in memory, checks each
 * manifest for the fields Appmixer requires, and answers a ticket; then
 * `GET /components/uploader/:ticket` answers `{finished}`, or `{finished, err, data}` with
 * ajv-style errors, once publishing is done.
 */
import { randomUUID } from 'node:crypto'
import { unzipSync } from 'fflate'

const REQUIRED = /** @type {Record<string, string[]>} */ ({
  'service.json': ['name', 'label', 'description'],
  'module.json': ['name', 'label', 'description'],
  'component.json': ['name', 'description']
})

/**
 * @typedef {{ticket: string, entries: Record<string, Buffer>, bytes: number, readsLeft: number, err?: string,
 *   data?: object[], file?: string}} Upload
 */

/**
 * How the uploader ticket reads (docs/appmixer-api.md §12). The defaults are the documented form:
 * `finished` an ISO time, `err` a string, `data` an array of ajv 6 errors.
 * - `readsUntilFinished`: the ticket answers `{}` (not finished) this many reads minus one first (default 1: done at once);
 * - `neverFinishes`: the ticket answers `{}` for ever (default false);
 * - `finishedAsTrue`: `finished` is `true`, not a timestamp (default false);
 * - `errAsObject`: `err` is an object `{name: 'ValidationError', message: <the text>}`, not a string (default false);
 * - `dataAsObject`: `data` is an object `{file: <the manifest's path>, errors: [...]}`, not an array; `{}` when
 *   there are no schema errors to give (default false);
 * - `ajvVersion`: 6 (default) gives `{keyword, dataPath, schemaPath, params, message: "should have required property 'x'"}`;
 *   8 gives Ajv 8's `{instancePath, schemaPath, keyword, params, message: "must have required property 'x'"}`.
 * @typedef {{readsUntilFinished?: number, neverFinishes?: boolean, finishedAsTrue?: boolean, errAsObject?: boolean,
 *   dataAsObject?: boolean, ajvVersion?: 6 | 8}} PublishingOptions
 */

/**
 * @param {Buffer} body
 * @param {string | undefined} contentType
 * @param {Map<string, Upload>} uploads
 * @param {PublishingOptions} options
 * @returns {{status: number, body: unknown}}
 */
export function acceptUpload(body, contentType, uploads, options) {
  const boom = (/** @type {number} */ status, /** @type {string} */ message) => ({
    status,
    body: { statusCode: status, error: status === 413 ? 'Request Entity Too Large' : 'Bad Request', message }
  })
  if (contentType !== 'application/octet-stream') return boom(400, 'Expected application/octet-stream')
  if (body.length > 10 * 1024 * 1024) return boom(413, 'Payload content length greater than maximum allowed: 10485760')
  /** @type {Record<string, Uint8Array>} */
  let unzipped
  try {
    unzipped = unzipSync(new Uint8Array(body))
  } catch {
    return boom(400, 'The upload is not a zip file')
  }
  const entries = Object.fromEntries(Object.entries(unzipped).map(([name, bytes]) => [name, Buffer.from(bytes)]))
  /** @type {Upload} */
  const upload = { ticket: randomUUID(), entries, bytes: body.length, readsLeft: options.readsUntilFinished ?? 1 }
  validate(upload, options)
  uploads.set(upload.ticket, upload)
  return { status: 200, body: { ticket: upload.ticket } }
}

/**
 * @param {string} ticket
 * @param {Map<string, Upload>} uploads
 * @param {PublishingOptions} options
 */
export function uploadStatus(ticket, uploads, options) {
  const upload = uploads.get(ticket)
  if (!upload) return { status: 404, body: { statusCode: 404, error: 'Not Found', message: `Ticket ${ticket} not found.` } }
  if (options.neverFinishes || --upload.readsLeft > 0) return { status: 200, body: {} }
  const finished = options.finishedAsTrue ? true : new Date().toISOString()
  if (!upload.err) return { status: 200, body: { finished } }
  const err = options.errAsObject ? { name: 'ValidationError', message: upload.err } : upload.err
  const data = options.dataAsObject ? (upload.data?.length ? { file: upload.file, errors: upload.data } : {}) : upload.data
  return { status: 200, body: { finished, err, data } }
}

/**
 * The first manifest that lacks a required field makes the whole upload fail, as Appmixer does.
 * @param {Upload} upload @param {PublishingOptions} options
 */
function validate(upload, options) {
  for (const [name, bytes] of Object.entries(upload.entries).sort(([a], [b]) => a.length - b.length || (a < b ? -1 : 1))) {
    const required = REQUIRED[name.split('/').pop() ?? '']
    if (!required) continue
    /** @type {any} */
    let manifest
    try {
      manifest = JSON.parse(bytes.toString('utf8'))
    } catch {
      upload.err = `Invalid JSON in ${name}`
      upload.data = []
      return
    }
    const missing = required.filter(field => typeof manifest?.[field] !== 'string' || !manifest[field])
    if (missing.length) {
      upload.err = `Invalid schema for ${name}`
      upload.file = name
      upload.data = missing.map(field =>
        options.ajvVersion === 8
          ? {
              instancePath: '',
              schemaPath: '#/required',
              keyword: 'required',
              params: { missingProperty: field },
              message: `must have required property '${field}'`
            }
          : {
              keyword: 'required',
              dataPath: '',
              schemaPath: '#/required',
              params: { missingProperty: field },
              message: `should have required property '${field}'`
            }
      )
      return
    }
  }
  if (!Object.keys(upload.entries).some(name => /(^|\/)(service|module)\.json$/.test(name))) {
    upload.err = 'The zip holds no service.json or module.json'
    upload.data = []
  }
}
