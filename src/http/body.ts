/**
 * Reading a body as it arrives, within a bound on its decoded size: a small gzip answer can
 * inflate to gigabytes, and the server must not choose how much memory or disk a step uses.
 */
import { StringDecoder } from 'node:string_decoder'
import type { Response } from 'node-fetch'
import { ActionError, errorMessage } from '../errors.js'
import type { BodySink, HttpResponse } from './types.js'

/** The largest decoded answer read: well above the 64 MiB bodies the benchmark uses. */
export const MAX_BODY_BYTES = 256 * 2 ** 20

/** A body over MAX_BODY_BYTES: the step's own limit, so `fail`, never `unavailable`. */
export class BodyTooLarge extends ActionError {}

/** Something the sink could not do with the body (a file that cannot be written): ours, so `fail`. */
export class SinkFailure extends ActionError {}

/**
 * Reads a body as it arrives: into a sink (a file) as text, and as bytes in one growing buffer
 * unless the sink says the text is not needed. The bytes are decoded once at the end: one copy
 * of the body in memory at a time, not a list of pieces and then their join.
 */
export async function readBody(
  response: Response,
  sink: BodySink | undefined,
  limit = MAX_BODY_BYTES
): Promise<Pick<HttpResponse, 'text' | 'bytes' | 'complete'>> {
  const decoder = sink ? new StringDecoder('utf8') : undefined
  const length = Number(response.headers.get('content-length'))
  // The announced length sizes the buffer, within reason: a server could announce anything.
  const kept = new GrowingBuffer(Number.isSafeInteger(length) && length > 0 ? Math.min(length, 128 * 2 ** 20) : 64 * 1024)
  let bytes = 0
  let keep = true
  const toSink = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work()
    } catch (error) {
      throw new SinkFailure(`Could not write the response file: ${errorMessage(error)}`)
    }
  }
  try {
    if (sink) await toSink(() => sink.begin())
    for await (const chunk of response.body ?? []) {
      const buffer = chunk as Buffer
      bytes += buffer.length
      if (bytes > limit) {
        throw new BodyTooLarge(
          `The answer is larger than ${limit / 2 ** 20} MiB once decoded, the most this action reads; it was not read further`
        )
      }
      if (sink) await toSink(() => sink.write(decoder!.write(buffer)))
      keep &&= !sink || sink.keepsText(bytes)
      if (keep) kept.append(buffer)
      else kept.clear()
    }
    if (sink) {
      const rest = decoder!.end()
      await toSink(async () => {
        if (rest) await sink.write(rest)
        await sink.end()
      })
    }
  } catch (error) {
    // A cut body leaves no file behind that a later step could take for the whole answer.
    await sink?.abort?.().catch(() => undefined)
    throw error
  }
  return { text: keep ? kept.text() : '', bytes, complete: keep }
}

/** Bytes appended into one buffer that doubles when full (a body whose length was not told). */
class GrowingBuffer {
  private buffer: Buffer
  private length = 0

  constructor(initial: number) {
    this.buffer = Buffer.allocUnsafe(initial)
  }

  append(chunk: Buffer): void {
    if (this.length + chunk.length > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + chunk.length))
      this.buffer.copy(grown, 0, 0, this.length)
      this.buffer = grown
    }
    chunk.copy(this.buffer, this.length)
    this.length += chunk.length
  }

  clear(): void {
    this.buffer = Buffer.alloc(0)
    this.length = 0
  }

  text(): string {
    return this.buffer.toString('utf8', 0, this.length)
  }
}
