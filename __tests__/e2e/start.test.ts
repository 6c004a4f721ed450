/** `npm start`'s own options: a list with --help, a one-line error and the list for an unknown one. */
import { spawnSync } from 'node:child_process'
import { readActionYml } from '../../scripts/local-runner.js'

const start = (...args: string[]) => spawnSync(process.execPath, ['scripts/start.js', ...args], { encoding: 'utf8' })

describe('npm start -- --help', () => {
  it('lists every input as --name value, the switches, and exits 0', () => {
    const run = start('--help')
    expect(run.status).toBe(0)
    for (const name of Object.keys(readActionYml().inputs)) expect(run.stdout).toContain(`--${name} <value>`)
    expect(run.stdout).toContain('--debug')
  })

  it('refuses an unknown option with one line and the list, without a stack trace', () => {
    const run = start('--bogus', 'x')
    expect(run.status).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe("Unknown option '--bogus': not an input of the action nor a switch")
    expect(run.stderr).toContain('--endpoint <value>')
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })
})
