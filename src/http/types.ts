/** The shapes the transport takes and gives. */
export interface HttpRequest {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string | Buffer
}

export interface HttpResponse {
  readonly status: number
  readonly statusText: string
  readonly contentType: string
  readonly retryAfter?: string | null
  /** The body as text: whole, unless a `BodySink` took it and asked for no copy. */
  readonly text: string
  /** Length of the (decompressed) body in bytes. */
  readonly bytes: number
  /** False when `text` is not the whole body (it went only to a sink). */
  readonly complete: boolean
}

/**
 * Where a successful answer's body goes as it arrives (a response file), so a large body need
 * not be held in memory. A retried attempt calls `begin` again, and the sink starts over.
 */
export interface BodySink {
  begin(): Promise<void>
  write(chunk: string): Promise<void>
  /** Whether the caller still needs the body as text, once `bytes` have arrived. */
  keepsText(bytes: number): boolean
  end(): Promise<void>
  /** The body was cut (a timeout, a reset): nothing of it may be left where a later step reads it. */
  abort?(): Promise<void>
}
