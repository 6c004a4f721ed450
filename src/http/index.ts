/** HTTP for the Appmixer client: the transport, its shapes, and how requests are named in messages. */
export { HttpTransport, type TransportOptions } from './transport.js'
export { describe } from './describe.js'
export { MAX_BODY_BYTES } from './body.js'
export type { BodySink, HttpRequest, HttpResponse } from './types.js'
