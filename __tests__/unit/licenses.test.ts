/**
 * dist/licenses.txt credits every package in the bundle, lazily loaded chunks included, with
 * its license text; and it is exactly what scripts/licenses.mjs makes from the bundle (sorted,
 * no dates), so the CI dist check stays stable.
 *
 * The bundle's module list comes from the last `npm run build` when it built this very
 * dist/index.js (npm test builds first); otherwise this test bundles src/ itself.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { bundle, fileHash, MODULE_LIST } from '../../scripts/build.mjs'
import { bundledPackages, noticesText, readmeLicense } from '../../scripts/licenses.mjs'
import { ROOT } from '../../scripts/local-runner.js'

function bundleModules(): string[] {
  if (existsSync(MODULE_LIST)) {
    const saved = JSON.parse(readFileSync(MODULE_LIST, 'utf8')) as { bundle: string; modules: string[] }
    if (saved.bundle === fileHash(path.join(ROOT, 'dist', 'index.js'))) {
      return saved.modules.map(file => path.join(ROOT, file))
    }
  }
  const out = mkdtempSync(path.join(os.tmpdir(), 'appmixer-licenses-'))
  try {
    return bundle(out)
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

const modules = bundleModules()
const notices = readFileSync(path.join(ROOT, 'dist', 'licenses.txt'), 'utf8')

/** Each package folder under node_modules/ that a bundled module lives in (the innermost one). */
function packagesInBundle(): Array<{ name: string; version: string }> {
  const found = new Map<string, { name: string; version: string }>()
  for (const file of modules) {
    const parts = file.split(path.sep)
    const at = parts.lastIndexOf('node_modules')
    if (at < 0) continue
    const dir = parts.slice(0, at + (parts[at + 1].startsWith('@') ? 3 : 2)).join(path.sep)
    const { name, version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'))
    found.set(`${name}@${version}`, { name, version })
  }
  return [...found.values()]
}

describe('dist/licenses.txt', () => {
  const packages = packagesInBundle()

  it('finds the packages of the lazily loaded chunks too', () => {
    const names = packages.map(pkg => pkg.name)
    // fflate, JMESPath and semver are only in chunks loaded on demand.
    for (const name of ['@actions/core', '@actions/github', 'node-fetch', 'undici', 'fflate', '@jmespath-community/jmespath', 'semver']) {
      expect(names).toContain(name)
    }
    // @actions/github's Context comes without the octokit client it never calls (src/run-context.ts).
    expect(names.filter(name => name.startsWith('@octokit/'))).toEqual([])
  })

  it('credits every bundled package with its version, license and license text', () => {
    const entries = notices.split(/^={78}$/m).slice(1)
    const credited = new Map(entries.map(entry => [entry.trim().split('\n')[0], entry]))
    for (const { name, version } of packages) {
      const entry = credited.get(`${name}@${version}`)
      expect([name, version, entry !== undefined]).toEqual([name, version, true])
      expect(entry).toMatch(/\nLicense: \S+/)
      expect(entry!.trim().split('\n').length).toBeGreaterThan(4)
    }
    expect(credited.size).toBe(packages.length)
  })

  it('is what scripts/licenses.mjs makes of this bundle: sorted, no dates, no local paths', () => {
    expect(notices).toBe(noticesText(bundledPackages(modules)))
    const headers = notices
      .split(/^={78}$/m)
      .slice(1)
      .map(entry => entry.trim().split('\n')[0])
    const names = headers.map(header => header.slice(0, header.lastIndexOf('@')))
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    expect(notices).not.toContain(ROOT)
    expect(notices).not.toMatch(/\b20\d\d-\d\d-\d\dT\d\d:/)
  })
})

describe('readmeLicense', () => {
  it('reads a setext or ATX License section up to the next heading', () => {
    expect(readmeLicense('# x\n\nLicense\n-------\n\n(The MIT License)\n\nCopyright &lt;a&gt;\n\nNext\n----\nno')).toBe(
      '(The MIT License)\n\nCopyright <a>'
    )
    expect(readmeLicense('## Usage\nx\n## License\r\nMIT, see above\n## Other\n')).toBe('MIT, see above')
    expect(readmeLicense('# No such section\n')).toBeUndefined()
  })
})
