/**
 * "Inside the workspace", checked on real paths: a symbolic link in the checkout (`vendor/crm`
 * → `/etc`, `crm.zip` → `~/.ssh/id_rsa`) must not get an outside file read, packed, uploaded or
 * overwritten. input-parsers.ts's `resolvePath` only resolves the path as written (pure, sync);
 * this resolves every link in it, as far as the path exists, before any file is touched.
 */
import { realpath } from 'node:fs/promises'
import path from 'node:path'
import { InputError, quote } from './errors.js'
import { isInside } from './input-parsers.js'

/**
 * The real path of `target` (resolved as far as it exists, the rest appended as written), when
 * it lies inside the real workspace; an `InputError` naming `input` otherwise.
 */
export async function realPathInWorkspace(input: string, target: string, workspace: string, shown = target): Promise<string> {
  const root = await realpath(workspace).catch(() => path.resolve(workspace))
  const real = await realPathAsFarAsItExists(path.resolve(workspace, target))
  if (!isInside(root, real)) {
    throw new InputError(input, `${quote(shown)} is outside the workspace (following symbolic links); give a path inside the repository`)
  }
  return real
}

/** `realpath` of the longest existing ancestor of `file`, with the missing rest appended. */
async function realPathAsFarAsItExists(file: string): Promise<string> {
  const missing: string[] = []
  for (let current = file; ; current = path.dirname(current)) {
    try {
      return path.join(await realpath(current), ...missing.reverse())
    } catch {
      if (path.dirname(current) === current) return file
      missing.push(path.basename(current))
    }
  }
}

/**
 * The real path of `target` inside the first of `roots` that holds it (the workspace, then the
 * runner's temporary folder); the error is the one about the first root.
 */
export async function realPathInOneOf(input: string, target: string, roots: readonly string[]): Promise<string> {
  let first: unknown
  for (const root of roots) {
    try {
      return await realPathInWorkspace(input, target, root)
    } catch (error) {
      first ??= error
    }
  }
  throw first
}
