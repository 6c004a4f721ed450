/**
 * The response file: the body of a call written to disk, redacted, as it arrives. When the
 * body only goes to the file (no `select`, `expect` or `mask` needs it), the action keeps no
 * copy of a large one in memory. Without a `response-file` input, a body too large for an
 * output still goes to a file under RUNNER_TEMP, so it is never lost.
 */
import { randomUUID } from 'node:crypto'
import { rmSync } from 'node:fs'
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { BodySink } from './http/index.js'
import type { StreamRedactor } from './secrets.js'
import { realPathInOneOf } from './workspace.js'

/** GitHub caps outputs at 1 MB a job, and ~128 KiB when passed on to another action's input. */
export const SAFE_OUTPUT_BYTES = 100 * 1024
/** Compact JSON is never much longer than its body: a body up to this size is kept to compact it. */
export const KEPT_FOR_OUTPUT_BYTES = 4 * SAFE_OUTPUT_BYTES

/**
 * A new file for an output too large to be one (`kind`: response, value, flows), under RUNNER_TEMP:
 * the runner's temporary folder, emptied after the job.
 */
export function spillFile(kind: string, directory = process.env.RUNNER_TEMP || os.tmpdir()): string {
  return path.join(directory, `appmixer-${kind}-${randomUUID()}.json`)
}

export interface ResponseFileOptions {
  /** The `response-file` input, resolved; the body always goes there. */
  readonly requested?: string
  /** Where a body too large for an output goes when no file was asked for (default: RUNNER_TEMP). */
  readonly spillDirectory?: string
  /** True when `select` or `expect` read the body: it is then kept in memory whatever its size. */
  readonly needsText: boolean
  readonly secrets: { streamRedactor(): StreamRedactor }
  /** With it, the requested file's real path (symbolic links followed) must be inside it. */
  readonly workspace?: string
}

/**
 * The body goes to a temporary file beside its target (same folder, so the rename is atomic)
 * and is renamed to the target only once complete: a body cut by a timeout or a cancelled job
 * never leaves truncated JSON where a later step would read it as whole. A retried attempt
 * (`begin` again) or `abort` removes the partial file; so does the process exiting first.
 */
export class ResponseFileSink implements BodySink {
  /** The file written, once the body is complete. */
  path?: string
  private handle?: FileHandle
  private partial?: { readonly temp: string; readonly target: string }
  private redactor?: StreamRedactor
  private held: string[] = []
  private bytes = 0

  constructor(private readonly options: ResponseFileOptions) {}

  async begin(): Promise<void> {
    await this.abort()
    this.redactor = this.options.secrets.streamRedactor()
    if (this.options.requested) await this.openFile(await this.checked(this.options.requested))
  }

  async write(chunk: string): Promise<void> {
    this.bytes += Buffer.byteLength(chunk)
    if (!this.handle && this.bytes > SAFE_OUTPUT_BYTES) {
      await this.openFile(spillFile('response', this.options.spillDirectory))
      for (const held of this.held) await this.handle!.write(this.redactor!.push(held))
      this.held = []
    }
    if (this.handle) await this.handle.write(this.redactor!.push(chunk))
    else this.held.push(chunk)
  }

  keepsText(bytes: number): boolean {
    return this.options.needsText || bytes <= KEPT_FOR_OUTPUT_BYTES
  }

  async end(): Promise<void> {
    this.held = []
    if (!this.handle || !this.partial) return
    await this.handle.write(this.redactor!.end())
    await this.handle.close()
    this.handle = undefined
    const { temp, target } = this.partial
    await rename(temp, target)
    forgetPartial(temp)
    this.partial = undefined
    this.path = target
  }

  /** The body will not be complete (the read failed or was cancelled): no file is left. */
  async abort(): Promise<void> {
    await this.handle?.close().catch(() => undefined)
    this.handle = undefined
    if (this.partial) {
      await rm(this.partial.temp, { force: true })
      forgetPartial(this.partial.temp)
      this.partial = undefined
    }
    this.held = []
    this.bytes = 0
  }

  /**
   * The requested file's real path, inside the workspace or the runner's temporary folder (both
   * the job's own); a symbolic link cannot take the body elsewhere.
   */
  private async checked(requested: string): Promise<string> {
    const { workspace, spillDirectory } = this.options
    if (workspace === undefined) return requested
    return realPathInOneOf('response-file', requested, spillDirectory ? [workspace, spillDirectory] : [workspace])
  }

  private async openFile(target: string): Promise<void> {
    await mkdir(path.dirname(target), { recursive: true })
    const temp = partialFileFor(target)
    this.handle = await open(temp, 'wx')
    this.partial = { temp, target }
    rememberPartial(temp)
  }
}

/** Partial files not yet renamed or removed: removed at exit, should the process end mid-body. */
const partials = new Set<string>()
let exitHook = false

function rememberPartial(file: string): void {
  partials.add(file)
  if (exitHook) return
  exitHook = true
  process.once('exit', () => {
    for (const partial of partials) rmSync(partial, { force: true })
  })
}

function forgetPartial(file: string): void {
  partials.delete(file)
}

/** The temporary file beside `target` (same folder, so the rename into place is atomic). */
function partialFileFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.partial`)
}

/**
 * Writes a string in slices, so a large body is never copied whole into one buffer; into a
 * temporary file renamed to `file` once complete, as the sink does, so a later step never reads
 * half a file.
 */
export async function writeText(file: string, text: string, sliceLength = 1 << 20): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true })
  const temp = partialFileFor(file)
  const handle = await open(temp, 'wx')
  rememberPartial(temp)
  try {
    for (let at = 0; at < text.length;) {
      let end = Math.min(at + sliceLength, text.length)
      // Never split a surrogate pair: half of one would be written as U+FFFD.
      if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end++
      await handle.write(text.slice(at, end))
      at = end
    }
    await handle.close()
    await rename(temp, file)
  } catch (error) {
    await handle.close().catch(() => undefined)
    await rm(temp, { force: true })
    throw error
  } finally {
    forgetPartial(temp)
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}
