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
import type { Connector } from './pack.js'

/** How often the upload ticket is asked about. */
const TICKET_POLL_MS = 2_000

export interface ValidationError {
  readonly message: string
  readonly dataPath?: string
}

export interface PublishResult {
  readonly ticket: string
  /** When Appmixer finished (its `finished`); undefined when the wait ran out first. */
  readonly finished?: string
  /** Appmixer's `err`, e.g. `Invalid schema for acme/crm/service.json`. */
  readonly err?: string
  readonly problems: readonly ValidationError[]
}

export async function publishConnector(
  client: AppmixerClient,
  connector: Connector,
  options: { readonly timeoutMs: number; readonly clock: Clock; readonly log: (line: string) => void }
): Promise<PublishResult> {
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
  for (;;) {
    const status = await readTicket(client, ticket, deadline)
    if (status.finished) {
      if (!status.err) log(`Published ${connector.name}: Appmixer finished at ${status.finished}`) // both made visible on reading
      return { ticket, finished: status.finished, err: status.err, problems: status.problems }
    }
    const remaining = deadline - clock.now()
    if (remaining <= 0) return { ticket, problems: [] }
    const pause = Math.min(TICKET_POLL_MS, remaining)
    log(`Publishing ${connector.name}: not finished after ${formatDuration(clock.now() - started)}; ${formatDuration(remaining)} left`)
    await clock.sleep(pause)
  }
}

function ticketOf(text: string): string | undefined {
  try {
    const ticket = (JSON.parse(text) as { ticket?: unknown }).ticket
    return typeof ticket === 'string' && ticket ? ticket : undefined
  } catch {
    return undefined
  }
}

async function readTicket(
  client: AppmixerClient,
  ticket: string,
  deadline: number
): Promise<{ finished?: string; err?: string; problems: ValidationError[] }> {
  let body: unknown
  try {
    body = await client.getJson(`/components/uploader/${encodeURIComponent(ticket)}`, [], deadline)
  } catch (error) {
    if (error instanceof HttpError) throw error.retold(`Following the upload (ticket ${visible(ticket, 100)}): ${error.message}`)
    throw error
  }
  const status = (body ?? {}) as { finished?: unknown; err?: unknown; data?: unknown }
  const problems = Array.isArray(status.data)
    ? status.data.map(item => {
        const entry = (item ?? {}) as { message?: unknown; dataPath?: unknown; instancePath?: unknown }
        const dataPath =
          typeof entry.dataPath === 'string' ? entry.dataPath : typeof entry.instancePath === 'string' ? entry.instancePath : undefined
        // Text from Appmixer, shown in annotations and the summary: bounded, control characters visible.
        return {
          message: visible(typeof entry.message === 'string' ? entry.message : JSON.stringify(item), 300),
          dataPath: dataPath === undefined ? undefined : visible(dataPath, 120)
        }
      })
    : []
  return {
    finished: typeof status.finished === 'string' && status.finished ? visible(status.finished, 60) : undefined,
    err: typeof status.err === 'string' && status.err ? visible(status.err, 300) : undefined,
    problems
  }
}
