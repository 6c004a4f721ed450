/** The run's identity from @actions/github's context: User-Agent, run link, a line for the log. */
import { runContext } from '../../src/run-context.js'

describe('runContext', () => {
  it('names the repository and run in the User-Agent, links the run, and describes it', () => {
    const found = runContext({
      repository: 'octo-org/deploy',
      runId: 42,
      serverUrl: 'https://github.example.com',
      sha: 'abcdef1234567',
      actor: 'octocat'
    })
    expect(found.userAgent).toMatch(/^appmixer-action\/\d+\.\d+\.\d+ \(octo-org\/deploy; run 42\)$/)
    expect(found.runUrl).toBe('https://github.example.com/octo-org/deploy/actions/runs/42')
    expect(found.description).toBe('octo-org/deploy run 42 at abcdef1 by octocat')
  })

  it('says only the product outside a workflow run', () => {
    expect(runContext({ runId: Number.NaN, serverUrl: 'https://github.com', sha: '', actor: '' })).toEqual({
      userAgent: expect.stringMatching(/^appmixer-action\/\d+\.\d+\.\d+$/)
    })
  })

  it("tells the step's own id, not the runner's name for a step without one", () => {
    const base = { runId: 7, serverUrl: 'https://github.com', sha: '', actor: '', repository: 'o/r' }
    expect(runContext({ ...base, action: 'gate-production' }).stepId).toBe('gate-production')
    expect(runContext({ ...base, action: '__run_2' }).stepId).toBeUndefined()
    expect(runContext({ ...base, action: '__octo-org_appmixer-action' }).stepId).toBeUndefined()
  })
})
