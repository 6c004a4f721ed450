// @ts-check
/**
 * The third-party notices of the bundle (dist/licenses.txt), made from the bundler's own module
 * list rather than from ncc's `--license`, which misses the packages of lazily loaded chunks.
 *
 * Input: the webpack stats that `ncc build --stats-out` writes. Every bundled module has its
 * file path there (`nameForCondition`); a path under `node_modules/<package>/` belongs to that
 * package (the innermost `node_modules/`, so a nested copy of another version is its own entry).
 * Each package is credited with its name, version, license and license text: its LICENSE /
 * LICENCE / COPYING files, else the License section of its README, else a line saying none ships.
 * The output is sorted and carries no dates or absolute paths: the same bundle gives the same bytes.
 *
 *   node scripts/licenses.mjs <stats.json> <out-file>
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** @typedef {{name: string, version: string, license: string, dir: string}} BundledPackage */

/**
 * The file paths of every module in the stats, lazily loaded chunks included.
 * @param {any} stats webpack stats JSON
 * @returns {string[]}
 */
export function modulePaths(stats) {
  /** @type {Set<string>} */
  const paths = new Set()
  /** @param {any[]} modules */
  const walk = modules => {
    for (const module of modules ?? []) {
      if (typeof module.nameForCondition === 'string') paths.add(module.nameForCondition)
      walk(module.modules)
    }
  }
  walk(stats.modules)
  for (const chunk of stats.chunks ?? []) walk(chunk.modules)
  for (const child of stats.children ?? []) for (const file of modulePaths(child)) paths.add(file)
  return [...paths].sort()
}

/**
 * The folder of the package a module file belongs to, or undefined outside node_modules/.
 * @param {string} file
 */
export function packageDir(file) {
  const normalised = file.split(path.sep).join('/')
  const match = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(normalised)
  return match?.[1]
}

/**
 * The packages the bundle holds, sorted by name, then version.
 * @param {string[]} files module file paths
 * @returns {BundledPackage[]}
 */
export function bundledPackages(files) {
  /** @type {Map<string, BundledPackage>} */
  const byDir = new Map()
  for (const file of files) {
    const dir = packageDir(file)
    if (!dir || byDir.has(dir)) continue
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))
    byDir.set(dir, { name: manifest.name, version: manifest.version, license: licenseId(manifest), dir })
  }
  /** @type {Map<string, BundledPackage>} */
  const unique = new Map()
  for (const pkg of byDir.values()) unique.set(`${pkg.name}@${pkg.version}`, pkg)
  return [...unique.values()].sort((a, b) => (a.name === b.name ? a.version.localeCompare(b.version) : a.name < b.name ? -1 : 1))
}

/** @param {any} manifest */
function licenseId(manifest) {
  const { license, licenses } = manifest
  if (typeof license === 'string') return license
  if (license && typeof license.type === 'string') return license.type
  if (Array.isArray(licenses)) return licenses.map(item => (typeof item === 'string' ? item : item.type)).join(' OR ')
  return 'UNKNOWN'
}

/**
 * The license text a package ships.
 * @param {string} dir
 */
export function licenseText(dir) {
  const names = readdirSync(dir)
    .filter(name => /^(licen[cs]e|copying)([.-].*)?$/i.test(name))
    .sort()
  if (names.length) return names.map(name => normalise(readFileSync(path.join(dir, name), 'utf8'))).join('\n\n')
  const readme = readdirSync(dir).find(name => /^readme(\..*)?$/i.test(name))
  const section = readme ? readmeLicense(readFileSync(path.join(dir, readme), 'utf8')) : undefined
  return section ?? '(The package ships no license text; its package.json names the license above.)'
}

/**
 * The body of a README's License section (an ATX `## License` or a setext `License\n---`).
 * @param {string} text
 */
export function readmeLicense(text) {
  const lines = normalise(text).split('\n')
  const isHeading = (/** @type {number} */ i) =>
    /^#{1,6}\s/.test(lines[i]) || (lines[i].trim() !== '' && /^(=+|-+)\s*$/.test(lines[i + 1] ?? ''))
  const start = lines.findIndex((line, i) => /^(#{1,6}\s*)?licen[cs]e\s*$/i.test(line.trim()) && (line.startsWith('#') || isHeading(i)))
  if (start < 0) return undefined
  const from = lines[start].startsWith('#') ? start + 1 : start + 2
  let end = from
  while (end < lines.length && !isHeading(end)) end++
  const body = lines.slice(from, end).join('\n').trim()
  return body ? body.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') : undefined
}

/** Line endings and trailing blanks evened out, so a checkout's settings do not change the notices. */
function normalise(/** @type {string} */ text) {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(line => line.trimEnd())
    .join('\n')
    .trim()
}

/**
 * dist/licenses.txt for these packages.
 * @param {BundledPackage[]} packages
 */
export function noticesText(packages) {
  const header = [
    'Third-party software bundled in dist/ by `npm run build`.',
    `${packages.length} packages, each with its version, license and license text.`,
    'Generated by scripts/licenses.mjs from the bundler module list: do not edit.'
  ].join('\n')
  const entries = packages.map(pkg =>
    [`${'='.repeat(78)}`, `${pkg.name}@${pkg.version}`, `License: ${pkg.license}`, '', licenseText(pkg.dir)].join('\n')
  )
  return `${[header, ...entries].join('\n\n')}\n`
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [statsFile, outFile] = process.argv.slice(2)
  if (!statsFile || !outFile) {
    console.error('Usage: node scripts/licenses.mjs <stats.json> <out-file>')
    process.exit(2)
  }
  const packages = bundledPackages(modulePaths(JSON.parse(readFileSync(statsFile, 'utf8'))))
  writeFileSync(outFile, noticesText(packages))
  console.log(`${path.relative(process.cwd(), outFile)}: ${packages.length} bundled packages credited`)
}
