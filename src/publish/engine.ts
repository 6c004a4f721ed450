/**
 * A connector's engine range: `bundle.json` may carry `engine`, a semver range of the Appmixer
 * versions it runs on (`">=6.0.0"`), checked against the tenant's `version` from `GET /` before
 * the upload (docs/appmixer-api.md §2). Ranges are read as npm reads `engines`:
 * `semver.satisfies(version, range, {includePrerelease: true})`, without coercion, so a tenant
 * on `6.4.0-sandbox` satisfies `>=6.0.0` (and not `>=6.4.0`, as npm would say of a Node
 * prerelease). A version that cannot be read is a warning: Appmixer still validates the upload.
 *
 * semver is loaded only by a step whose connector has a range.
 */
import type { AppmixerClient } from '../appmixer.js'
import { errorMessage, InputError, quote, visible } from '../errors.js'
import type { Annotation } from '../step/outcome.js'

/** `engine` of a `bundle.json` text, checked to be a range; undefined when it has none. */
export async function engineRange(text: string, shown: string): Promise<string | undefined> {
  let bundle: { engine?: unknown }
  try {
    bundle = (JSON.parse(text) ?? {}) as { engine?: unknown }
  } catch {
    throw new InputError('publish', `${quote(shown, 120)} is not valid JSON`)
  }
  const { engine } = bundle
  if (engine === undefined || engine === null) return undefined
  const { default: semver } = await import('semver')
  if (typeof engine !== 'string' || !engine.trim() || semver.validRange(engine) === null) {
    throw new InputError('publish', `${quote(shown, 120)} has an "engine" that is not a semver range (e.g. ">=6.0.0")`)
  }
  return engine
}

export type EngineCheck =
  | { readonly kind: 'match'; readonly version: string }
  | { readonly kind: 'mismatch'; readonly version: string; readonly problem: string }
  | { readonly kind: 'unreadable'; readonly warning: Annotation }

/** `GET /` (it needs no token) and the range against its `version`. */
export async function checkEngine(
  client: AppmixerClient,
  connector: string,
  range: string,
  log: (line: string) => void
): Promise<EngineCheck> {
  const { default: semver } = await import('semver')
  const where = `GET / at ${client.baseUrl.origin}`
  const unreadable = (why: string): EngineCheck => ({
    kind: 'unreadable',
    warning: {
      level: 'warning',
      title: 'Appmixer connector',
      message: `Could not read the Appmixer version (${where}: ${why}); the engine range ${quote(range)} of ${connector} is not checked, the upload goes on`
    }
  })
  let body: unknown
  try {
    body = await client.getJson('/')
  } catch (error) {
    return unreadable(errorMessage(error))
  }
  const version = (body as { version?: unknown } | null)?.version
  if (typeof version !== 'string') return unreadable('no "version" in the answer')
  if (semver.valid(version) === null) return unreadable(`version ${quote(version, 60)} is not semver`)
  if (semver.satisfies(version, range, { includePrerelease: true })) {
    log(`Appmixer ${visible(version, 60)} at ${client.baseUrl.origin} is within the engine range ${quote(range)} of ${connector}`)
    return { kind: 'match', version }
  }
  return {
    kind: 'mismatch',
    version,
    problem:
      `${connector} needs Appmixer ${quote(range)} (bundle.json "engine"), but ${client.baseUrl.origin} runs ${quote(version, 60)}; ` +
      'not uploaded. Publish a build for this version, or upgrade Appmixer first'
  }
}
