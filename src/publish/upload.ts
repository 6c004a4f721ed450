/**
 * Publishing a packed connector: `POST /components` with the zip as
 * `application/octet-stream`, then `GET /components/uploader/:ticket` until Appmixer says
 * `finished`, within `publish-timeout`, with a progress line while it runs.
 *
 * An upload is not retried blindly: a gateway's 502 after the body was sent may still have been
 * accepted. Without a ticket there is nothing to follow, and the error says so.
 */
import type { AppmixerClient } from '../appmixer.js'
import type { Clock } from '../clock.js'
import { formatDuration } from '../duration.js'
import { ActionError, HttpError, visible } from '../errors.js'
import { pollUntil } from '../poll.js'
import type { Connector } from './pack.js'
import { readTicketState, type TicketState, type ValidationError } from './ticket.js'

/** How often the upload ticket is asked about. */
const TICKET_POLL_MS = 2_000

export interface UploadOutcome {
  readonly ticket: string
  /** When Appmixer finished (its `finished`, or 'unknown' when it said only `err`); undefined when the wait ran out first. */
  readonly finished?: string
  /** Appmixer's `err`, e.g. `Invalid schema for acme/crm/service.json`. */
  readonly err?: string
  readonly problems: readonly ValidationError[]
}

export async function publishConnector(
  client: AppmixerClient,
  connector: Connector,
  options: { readonly timeoutMs: number; readonly clock: Clock; readonly log: (line: string) => void }
): Promise<UploadOutcome> {
  const { clock, log } = options
  const deadline = clock.now() + options.timeoutMs
  const response = await client.send(
    { method: 'POST', path: '/components', headers: [['content-type', 'application/octet-stream']], body: Buffer.from(connector.zip) },
    deadline
  )
  const request = { method: 'POST', url: client.url('/components') }
  if (response.status < 200 || response.status >= 300) {
    const error = client.errorFor(request, response)
    const maybe =
      response.status === 502 || response.status === 504
        ? ' A gateway error after the upload may still mean Appmixer took it; with no ticket it cannot be followed: check the connector in Appmixer before publishing again.'
        : ''
    throw error.retold(`Publishing ${connector.name} failed: ${error.message}${maybe}`)
  }
  const ticket = ticketOf(response.text)
  // A ticket only goes back into a URL (encoded) and, made visible, into messages.
  if (!ticket)
    throw new ActionError(`Publishing ${connector.name}: POST /components answered ${response.status} without a ticket to follow`)
  log(
    `Uploaded ${connector.name} (${connector.files} files, ${connector.zip.byteLength} bytes); Appmixer is publishing it (ticket ${visible(ticket, 100)})`
  )

  const started = clock.now()
  let state: TicketState = { problems: [] }
  const poll = await pollUntil(
    async () => {
      state = await readTicket(client, ticket, deadline)
      const elapsed = formatDuration(clock.now() - started)
      return {
        met: state.finished !== undefined || state.err !== undefined,
        detail: state,
        pending: `${connector.name} not finished after ${elapsed}`
      }
    },
    { waitMs: options.timeoutMs, intervalMs: TICKET_POLL_MS, clock, onProgress: log, startedAt: deadline - options.timeoutMs }
  )
  // Appmixer unreachable to the end is `unavailable`, not a publish that ran out of time.
  if (poll.verdict === 'unavailable') throw poll.unavailable!
  if (poll.verdict !== 'pass') return { ticket, problems: [] }
  if (!state.err && state.problems.length === 0) log(`Published ${connector.name}: Appmixer finished at ${state.finished}`)
  return { ticket, finished: state.finished ?? 'unknown', err: state.err, problems: state.problems }
}

function ticketOf(text: string): string | undefined {
  try {
    const ticket = (JSON.parse(text) as { ticket?: unknown }).ticket
    return typeof ticket === 'string' && ticket ? ticket : undefined
  } catch {
    return undefined
  }
}

async function readTicket(client: AppmixerClient, ticket: string, deadline: number): Promise<TicketState> {
  try {
    return readTicketState(await client.getJson(`/components/uploader/${encodeURIComponent(ticket)}`, [], deadline))
  } catch (error) {
    if (error instanceof HttpError) throw error.retold(`Following the upload (ticket ${visible(ticket, 100)}): ${error.message}`)
    throw error
  }
}
