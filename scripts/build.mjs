// @ts-check
/**
 * `npm run build`: bundle src/index.ts into dist/ with ncc, then write dist/licenses.txt from
 * the bundler's module list (scripts/licenses.mjs), every lazily loaded chunk included.
 *
 * The module list is also kept in node_modules/.cache/appmixer-action/bundle-modules.json,
 * with the hash of the dist/index.js it belongs to, so the notices test can check this very
 * bundle without bundling again.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundledPackages, modulePaths, noticesText } from './licenses.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const dist = path.join(root, 'dist')
export const MODULE_LIST = path.join(root, 'node_modules', '.cache', 'appmixer-action', 'bundle-modules.json')

/** sha256 of a file, hex. @param {string} file */
export function fileHash(file) {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

/**
 * Bundle src/index.ts into `out` and return the module file paths of the bundle.
 * @param {string} out
 */
export function bundle(out) {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'appmixer-build-'))
  try {
    const statsFile = path.join(temp, 'stats.json')
    const ncc = createRequire(import.meta.url).resolve('@vercel/ncc/dist/ncc/cli.js')
    const run = spawnSync(process.execPath, [ncc, 'build', path.join(root, 'src', 'index.ts'), '-o', out, '--stats-out', statsFile], {
      cwd: root,
      stdio: 'inherit'
    })
    if (run.status !== 0) throw new Error(`ncc build failed (exit ${run.status ?? run.signal})`)
    return modulePaths(JSON.parse(readFileSync(statsFile, 'utf8')))
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  rmSync(dist, { recursive: true, force: true })
  try {
    const modules = bundle(dist)
    const packages = bundledPackages(modules)
    writeFileSync(path.join(dist, 'licenses.txt'), noticesText(packages))
    mkdirSync(path.dirname(MODULE_LIST), { recursive: true })
    const relative = modules.map(file => path.relative(root, file).split(path.sep).join('/'))
    writeFileSync(MODULE_LIST, JSON.stringify({ bundle: fileHash(path.join(dist, 'index.js')), modules: relative }))
    console.log(`dist/licenses.txt: ${packages.length} bundled packages credited`)
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}
