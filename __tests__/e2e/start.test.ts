/**
 * `npm start`: its own options (a list with --help that has every input's whole description and
 * default, a one-line error and the list for an unknown one), a real tenant with --tenant, and a
 * step limit taken from the step's own inputs.
 */
import { spawnSync } from 'node:child_process'
import { readActionYml } from '../../scripts/local-runner.js'
import { NO_TENANT_DNS } from '../helpers/scenario.js'

const start = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['scripts/start.js', ...args], {
    encoding: 'utf8',
    env: { ...process.env, APPMIXER_TENANT: '', APPMIXER_BASE_URL: '', ...env }
  })
const action = readActionYml()

describe('npm start -- --help', () => {
  const run = start(['--help'])

  it('lists every input as --name value, the switches, and exits 0', () => {
    expect(run.status).toBe(0)
    for (const name of Object.keys(action.inputs)) expect(run.stdout).toContain(`--${name} <value>`)
    expect(run.stdout).toContain('--debug')
  })

  it("shows each input's whole description from action.yml, and its default", () => {
    for (const [name, spec] of Object.entries(action.inputs)) {
      const entry = (run.stdout.split(`  --${name} <value>\n`)[1] ?? '').split('\n  --')[0].replace(/\s+/g, ' ')
      expect([name, entry]).toEqual([name, expect.stringContaining(spec.description!.replace(/\s+/g, ' ').trim())])
      if (spec.default !== undefined) expect([name, entry]).toEqual([name, expect.stringContaining(`Default: ${spec.default}`)])
    }
    expect(run.stdout.split('\n').every(line => line.length <= 100)).toBe(true)
  })

  it('refuses an unknown option with one line and the list, without a stack trace', () => {
    const bogus = start(['--bogus', 'x'])
    expect(bogus.status).toBe(2)
    expect(bogus.stderr.split('\n')[0]).toBe("Unknown option '--bogus': not an input of the action nor a switch")
    expect(bogus.stderr).toContain('--endpoint <value>')
    expect(bogus.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('npm start against a host of its own', () => {
  it('--tenant runs against that tenant, without a sandbox base-url beside it', () => {
    const run = start(['--tenant', 'no-such-tenant', '--username', 'ops@example.com', '--password', 'not-a-secret-1'], NO_TENANT_DNS)
    expect(run.stdout).toContain('Running the action against tenant no-such-tenant\n')
    expect(run.stdout).not.toContain('sandbox')
    expect(run.stdout).toContain('api.no-such-tenant.appmixer.cloud')
    expect(run.stdout).toContain('ENOTFOUND')
    expect(run.stdout).not.toContain('not both')
    expect(run.stdout).toContain('── exit code 1 ')
    expect(run.status).toBe(1)
  })

  it('APPMIXER_TENANT gives the tenant; --username on the command line wins over APPMIXER_USERNAME', () => {
    const run = start(['--username', 'cli@example.com', '--password', 'not-a-secret-2'], {
      ...NO_TENANT_DNS,
      APPMIXER_TENANT: 'env-tenant',
      APPMIXER_USERNAME: 'env@example.com'
    })
    expect(run.stdout).toContain('Running the action against tenant env-tenant\n')
    expect(run.stdout).toContain('api.env-tenant.appmixer.cloud')
    expect(run.status).toBe(1)
  })
})

describe("npm start's step limit", () => {
  it('is the step’s own limit plus a margin, not a fixed time', () => {
    const run = start(['--flows', 'Orders sync', '--wait', '10m', '--timeout', '20s'])
    expect(run.stdout).toContain('The step is stopped if it runs past 10m35s (wait + timeout + 15s margin).')
    expect(run.stdout).toContain('── exit code 0 ')
    expect(run.status).toBe(0)
  })
})
