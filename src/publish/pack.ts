/**
 * A connector as Appmixer takes it: a zip whose entries sit under `<vendor>/<service>/…` (from
 * the manifest's `name`: `acme.crm` → `acme/crm/`), as `appmixer pack` makes it, without
 * `node_modules/`, VCS folders or dot-files. Deterministic: entries sorted, one fixed timestamp
 * and mode, so the same tree gives the same bytes (a release can be reproduced, its size
 * compared). Or a ready `.zip`, checked and read as it is.
 *
 * The zip writer is fflate: no dependencies, ~30 KiB, synchronous and streaming APIs, and it
 * lets every entry's time and attributes be fixed. It is loaded only by a step that publishes.
 */
import { lstat, readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { InputError, quote } from '../errors.js'
import { isInside } from '../input-parsers.js'
import { realPathInWorkspace } from '../workspace.js'
import { engineRange } from './engine.js'

/** Appmixer's limit for `POST /components`. */
export const MAX_ZIP_BYTES = 10 * 1024 * 1024
const MANIFESTS = ['service.json', 'module.json']
/** `vendor.service` or `vendor.service.module`: lower-case words, as Appmixer names connectors. */
const CONNECTOR_NAME = /^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)?$/i
const LEFT_OUT = new Set(['node_modules', '.git', '.svn', '.hg'])

export interface Connector {
  /** The manifest's `name`, e.g. `acme.crm`. */
  readonly name: string
  readonly zip: Uint8Array
  /** Files in the zip. */
  readonly files: number
  /** The zip's entry prefix (`acme/crm/`) and the local folder it came from, to map paths back. */
  readonly prefix: string
  readonly folder?: string
  /** `bundle.json`'s `engine`: the semver range of Appmixer versions it runs on, checked before the upload. */
  readonly engine?: string
}

/** Resolves `publish` inside the workspace and packs it; each failure names the input and the file. */
export async function packConnector(input: string, workspace: string): Promise<Connector> {
  const written = path.resolve(workspace, input)
  if (!isInside(workspace, written)) {
    throw new InputError('publish', `${quote(input)} is outside the workspace; give a path inside the repository`)
  }
  // And on real paths: a symbolic link (`crm.zip` → elsewhere) must not get an outside file uploaded.
  const target = await realPathInWorkspace('publish', written, workspace, input)
  const found = await lstat(target).catch(() => undefined)
  if (!found) throw new InputError('publish', `${quote(input)} does not exist in the workspace`)
  const fflate = await import('fflate')
  const connector = found.isDirectory() ? await packFolder(target, input, fflate) : await readZip(target, input, fflate)
  if (connector.zip.byteLength > MAX_ZIP_BYTES) {
    throw new InputError(
      'publish',
      `${quote(input)} zips to ${(connector.zip.byteLength / 2 ** 20).toFixed(1)} MiB, over Appmixer's 10 MB limit; leave out large assets`
    )
  }
  return connector
}

async function packFolder(folder: string, input: string, fflate: typeof import('fflate')): Promise<Connector> {
  const manifestName = (await Promise.all(MANIFESTS.map(async name => ((await isFile(path.join(folder, name))) ? name : undefined)))).find(
    Boolean
  )
  if (!manifestName) throw new InputError('publish', `${quote(input)} holds neither service.json nor module.json`)
  const name = await manifestConnectorName(path.join(folder, manifestName), `${input}/${manifestName}`)
  const prefix = `${name.split('.').join('/')}/`
  const files = await filesOf(folder)
  const engine = files.includes('bundle.json') ? await folderEngine(path.join(folder, 'bundle.json'), `${input}/bundle.json`) : undefined
  // One fixed time (in local terms, as zip stores it) and mode: the same tree, the same bytes.
  const fixed = { mtime: new Date(1980, 0, 1, 0, 0, 0), os: 3, attrs: 0o644 << 16 }
  const entries: Record<string, [Uint8Array, typeof fixed]> = {}
  for (const file of files) entries[prefix + file] = [await readFile(path.join(folder, file)), fixed]
  return { name, zip: fflate.zipSync(entries, { level: 9 }), files: files.length, prefix, folder, engine }
}

async function readZip(file: string, input: string, fflate: typeof import('fflate')): Promise<Connector> {
  if (!file.endsWith('.zip')) throw new InputError('publish', `${quote(input)} is neither a folder nor a .zip`)
  const size = (await stat(file)).size
  if (size > MAX_ZIP_BYTES) {
    throw new InputError(
      'publish',
      `${quote(input)} is ${(size / 2 ** 20).toFixed(1)} MiB, over Appmixer's 10 MB limit; leave out large assets`
    )
  }
  const zip = new Uint8Array(await readFile(file))
  const entries = centralDirectory(zip)
  if (!entries) throw new InputError('publish', `${quote(input)} is not a readable zip`)
  const files = entries.filter(entry => !entry.name.endsWith('/'))
  const manifest = files
    .filter(entry => MANIFESTS.includes(path.posix.basename(entry.name)))
    .sort((a, b) => a.name.length - b.name.length)[0]
  if (!manifest) throw new InputError('publish', `${quote(input)} holds no service.json or module.json`)
  // Only the manifest is inflated, and no further than it says it is (a zip bomb's other
  // entries, whatever they claim, are never read).
  const bytes = inflateEntry(zip, manifest, fflate)
  if (!bytes) throw new InputError('publish', `${quote(`${input}:${manifest.name}`, 120)} cannot be read (over 1 MiB, or damaged)`)
  const name = connectorName(new TextDecoder().decode(bytes), `${input}:${manifest.name}`)
  // bundle.json sits beside the manifest; it alone is inflated too, with the same bounds.
  const bundleName = path.posix.join(path.posix.dirname(manifest.name), 'bundle.json')
  const bundle = files.find(entry => entry.name === bundleName)
  let engine: string | undefined
  if (bundle) {
    const bundleBytes = inflateEntry(zip, bundle, fflate)
    const shown = `${input}:${bundle.name}`
    if (!bundleBytes) throw new InputError('publish', `${quote(shown, 120)} cannot be read (over 1 MiB, or damaged)`)
    engine = await engineRange(new TextDecoder().decode(bundleBytes), shown)
  }
  return { name, zip, files: files.length, prefix: `${name.split('.').join('/')}/`, engine }
}

/** A manifest larger than this is not a manifest. */
const MAX_MANIFEST_BYTES = 1 << 20

interface ZipEntry {
  readonly name: string
  readonly method: number
  readonly compressed: number
  readonly size: number
  readonly offset: number
}

/** The entries a zip's central directory lists, without reading any entry; undefined when unreadable. */
function centralDirectory(zip: Uint8Array): ZipEntry[] | undefined {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  // The end-of-central-directory record: in the last 22 bytes, or before a comment of up to 64 KiB.
  let end = -1
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at
      break
    }
  }
  if (end < 0) return undefined
  const count = view.getUint16(end + 10, true)
  let at = view.getUint32(end + 16, true)
  const entries: ZipEntry[] = []
  const decoder = new TextDecoder()
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || view.getUint32(at, true) !== 0x02014b50) return undefined
    const nameLength = view.getUint16(at + 28, true)
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
    if (at + 46 + nameLength > zip.length) return undefined
    entries.push({
      method: view.getUint16(at + 10, true),
      compressed: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      offset: view.getUint32(at + 42, true),
      name: decoder.decode(zip.subarray(at + 46, at + 46 + nameLength))
    })
    at += 46 + skip
  }
  return entries
}

/** One entry's bytes, inflated in small steps and stopped past its declared size (or 1 MiB); undefined when it cannot be. */
function inflateEntry(zip: Uint8Array, entry: ZipEntry, fflate: typeof import('fflate')): Uint8Array | undefined {
  if (entry.size > MAX_MANIFEST_BYTES) return undefined
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const header = entry.offset
  if (header + 30 > zip.length || view.getUint32(header, true) !== 0x04034b50) return undefined
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true)
  const data = zip.subarray(start, start + entry.compressed)
  if (data.length < entry.compressed) return undefined
  if (entry.method === 0) return data.length === entry.size ? data : undefined
  if (entry.method !== 8) return undefined
  const out = new Uint8Array(entry.size)
  let length = 0
  let tooLong = false
  const inflate = new fflate.Inflate(chunk => {
    if (length + chunk.length > entry.size) tooLong = true
    else out.set(chunk, length)
    length += chunk.length
  })
  try {
    // 4 KiB of deflate inflates to at most about 4 MiB: no step holds more than that.
    for (let at = 0; at < data.length && !tooLong; at += 4096) inflate.push(data.subarray(at, at + 4096), at + 4096 >= data.length)
  } catch {
    return undefined
  }
  return tooLong || length !== entry.size ? undefined : out
}

async function folderEngine(file: string, shown: string): Promise<string | undefined> {
  if ((await stat(file)).size > MAX_MANIFEST_BYTES) throw new InputError('publish', `${quote(shown, 120)} is over 1 MiB`)
  return engineRange(await readFile(file, 'utf8'), shown)
}

async function manifestConnectorName(file: string, shown: string): Promise<string> {
  return connectorName(await readFile(file, 'utf8'), shown)
}

function connectorName(text: string, shown: string): string {
  let manifest: { name?: unknown }
  try {
    manifest = JSON.parse(text) as { name?: unknown }
  } catch {
    throw new InputError('publish', `${quote(shown, 120)} is not valid JSON`)
  }
  const { name } = manifest ?? {}
  if (typeof name !== 'string' || !CONNECTOR_NAME.test(name)) {
    throw new InputError('publish', `${quote(shown, 120)} has no valid "name" (e.g. "acme.crm": vendor and service)`)
  }
  return name
}

/**
 * Files below a folder, as sorted POSIX paths, leaving out node_modules, VCS folders, dot-files
 * and symbolic links (one could point outside the repository, and its target would be uploaded).
 */
async function filesOf(folder: string, below = ''): Promise<string[]> {
  const found: string[] = []
  const entries = await readdir(path.join(folder, below), { withFileTypes: true })
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || LEFT_OUT.has(entry.name)) continue
    const relative = below ? `${below}/${entry.name}` : entry.name
    if (entry.isDirectory()) found.push(...(await filesOf(folder, relative)))
    else if (entry.isFile()) found.push(relative)
  }
  return found
}

async function isFile(file: string): Promise<boolean> {
  return (await lstat(file).catch(() => undefined))?.isFile() ?? false
}

/**
 * The repository path of a file an Appmixer message names by its zip path (`acme/crm/service.json`
 * → `connectors/crm/service.json`), for an annotation on the pull request's diff.
 */
export function localPath(connector: Connector, publishInput: string, zipPath: string): string | undefined {
  if (!connector.folder || !zipPath.startsWith(connector.prefix)) return undefined
  return path.posix.join(publishInput.replace(/\\/g, '/').replace(/\/+$/, ''), zipPath.slice(connector.prefix.length))
}
