/**
 * `npm run sandbox` (sandbox/cli.js) as a person runs it: a process that prints its URL, the
 * credentials and the seeded flows, serves what its switches ask for, and stops on SIGTERM.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const cli = fileURLToPath(new URL('../../sandbox/cli.js', import.meta.url))
let child: ChildProcess | undefined

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL')
  child = undefined
})

/** Starts the CLI and resolves with what it printed once it says it is up. */
function run(args: string[]): Promise<string> {
  child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  return new Promise((resolve, reject) => {
    child!.stdout!.on('data', chunk => {
      out += chunk
      if (out.includes('Ctrl-C stops it.')) resolve(out)
    })
    child!.on('exit', code => reject(new Error(`the sandbox exited (${code}): ${out}`)))
  })
}

describe('npm run sandbox', () => {
  it('prints URL, credentials and flows, and serves errors, dead letters, a slow stop, latency and an invalid account', async () => {
    const printed = await run([
      '--port',
      '0',
      '--errors',
      '4',
      '--dead-letters',
      '2',
      '--slow-stop',
      '1m',
      '--latency=25',
      '--invalid-account'
    ])
    const url = /Appmixer sandbox on (http:\/\/127\.0\.0\.1:\d+)/.exec(printed)![1]
    const username = /user: +(\S+)/.exec(printed)![1]
    const password = /password: +(\S+)/.exec(printed)![1]
    const flows = [...printed.matchAll(/^ {2}([0-9a-f-]{36}) +(\w+) +(.+)$/gm)].map(([, flowId, stage, name]) => ({ flowId, stage, name }))
    expect(flows.map(flow => `${flow.name}: ${flow.stage}`)).toEqual([
      'Orders sync: running',
      'Invoice mailer: running',
      'Legacy import: stopped'
    ])

    const signIn = await fetch(`${url}/user/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password })
    })
    const { token } = (await signIn.json()) as { token: string }
    const api = async (path: string, method = 'GET', body?: object) => {
      const response = await fetch(`${url}${path}`, {
        method,
        body: body && JSON.stringify(body),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
      })
      return (await response.json()) as any // eslint-disable-line @typescript-eslint/no-explicit-any
    }
    const [orders] = flows
    expect((await api(`/flows/${orders.flowId}?projection=name`)).name).toBe('Orders sync')
    const errors = await api(`/logs?flowId=${orders.flowId}&query=${encodeURIComponent('severity:error AND gridTimestamp:[now-10m TO *]')}`)
    expect(errors.hits).toHaveLength(4)
    expect(await api(`/unprocessed-messages?flowId=${orders.flowId}`)).toHaveLength(2)

    const accounts = (await api('/accounts')) as Array<{ accountId: string }>
    const tests = await Promise.all(accounts.map(account => api(`/accounts/${account.accountId}/test`, 'POST')))
    expect(tests.map(answer => Object.values(answer)[0])).toEqual(['valid', 'invalid'])
    const assigned = await api(`/accounts/flow/${orders.flowId}`)
    expect(Object.values(assigned)).toEqual([accounts[0].accountId])

    expect(await api(`/flows/${orders.flowId}/coordinator?background=true`, 'POST', { command: 'stop' })).toEqual({
      flowId: orders.flowId,
      ticket: orders.flowId
    })
    const started = performance.now()
    expect((await api(`/flows/${orders.flowId}/coordinator/status`)).status).toBe('in-progress')
    expect(performance.now() - started).toBeGreaterThanOrEqual(20)

    const exited = new Promise(resolve => child!.on('exit', code => resolve(code)))
    child!.kill('SIGTERM')
    expect(await exited).toBe(0)
  })

  it('explains its switches, and refuses an unknown one', () => {
    const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' })
    expect(help.status).toBe(0)
    for (const name of ['--port', '--errors', '--dead-letters', '--slow-stop', '--latency', '--invalid-account', '--help']) {
      expect(help.stdout).toContain(name)
    }
    const unknown = spawnSync(process.execPath, [cli, '--colour'], { encoding: 'utf8' })
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toMatch(/^Unknown switch: --colour/)
    const bad = spawnSync(process.execPath, [cli, '--slow-stop', 'soon'], { encoding: 'utf8' })
    expect([bad.status, bad.stderr.split('\n')[0]]).toEqual([2, '--slow-stop needs a value such as 3s, not soon'])
  })
})
