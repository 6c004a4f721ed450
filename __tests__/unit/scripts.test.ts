/**
 * The npm scripts keep their promises: `npm test` tests the build of the src/ under test (it
 * builds dist/ before Jest, so a broken src/ cannot hide behind a stale dist/), the Jest suites
 * run under Node 24, test:future under faketime, and the repository says which Node it is for.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { ROOT } from '../../scripts/local-runner.js'

const scripts = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
const steps = (name: string) => scripts[name].split('&&').map(step => step.trim())

describe('npm test', () => {
  it('builds dist/ from src/ before anything else, then typechecks and runs Jest with coverage', () => {
    expect(steps('test')[0]).toBe('npm run build')
    expect(steps('test').at(-1)).toMatch(/^node scripts\/jest24\.mjs --coverage$/)
    expect(steps('test')).toContain('npm run typecheck')
  })

  it('builds with the script that also writes the notices', () => {
    expect(scripts.build).toBe('node scripts/build.mjs')
  })
})

describe('Jest under Node 24', () => {
  it.each(['test', 'test:unit', 'test:future'])('%s runs Jest through scripts/jest24.mjs', name => {
    expect(scripts[name]).toContain('node scripts/jest24.mjs')
    expect(scripts[name]).not.toMatch(/(^|\s)(npx )?jest\s/)
  })

  it('test:unit runs the unit tests only, without a build', () => {
    expect(scripts['test:unit']).toBe('node scripts/jest24.mjs __tests__/unit')
  })

  it('test:future runs the in-process suites with the clock years ahead', () => {
    expect(scripts['test:future']).toMatch(/faketime -f '\+\d+d' node scripts\/jest24\.mjs __tests__\/unit __tests__\/integration$/)
  })

  it('this suite, started by an npm test script, runs on Node 24', () => {
    const lifecycle = process.env.npm_lifecycle_event ?? ''
    const major = Number(process.versions.node.split('.')[0])
    expect({ lifecycle, node: ['test', 'test:unit', 'test:future'].includes(lifecycle) ? major : 24 }).toEqual({
      lifecycle,
      node: 24
    })
  })

  it('scripts/jest24.mjs starts Jest on Node 24 and passes the arguments through', () => {
    const run = spawnSync(process.execPath, ['scripts/jest24.mjs', '--listTests', '__tests__/unit/scripts.test.ts'], {
      cwd: ROOT,
      encoding: 'utf8'
    })
    expect(run.status).toBe(0)
    expect(run.stdout.trim()).toBe(path.join(ROOT, '__tests__', 'unit', 'scripts.test.ts'))
    const version = spawnSync(process.env.NODE24_PATH ?? '', ['-p', 'process.versions.node'], { encoding: 'utf8' })
    expect(version.stdout.trim()).toMatch(/^24\./)
  })

  it('.node-version says 24', () => {
    expect(readFileSync(path.join(ROOT, '.node-version'), 'utf8')).toBe('24\n')
  })
})
