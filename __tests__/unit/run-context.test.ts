/** The run's identity from @actions/github's context: User-Agent, run link, a line for the log. */
import { Context } from '../../node_modules/@actions/github/lib/context.js'
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

  it("reads the run with @actions/github's own Context, the class of the package's context", async () => {
    const run = {
      GITHUB_REPOSITORY: 'octo-org/deploy',
      GITHUB_RUN_ID: '4242',
      GITHUB_SERVER_URL: 'https://github.example.com',
      GITHUB_SHA: 'abcdef1234567',
      GITHUB_ACTOR: 'octocat',
      GITHUB_ACTION: 'gate-production'
    }
    const saved = Object.fromEntries(Object.keys(run).map(name => [name, process.env[name]]))
    Object.assign(process.env, run)
    try {
      // The package entry builds its `context` when first loaded: after the run's variables are set.
      const { context } = await import('@actions/github')
      expect(context).toBeInstanceOf(Context)
      const ours = new Context()
      for (const field of ['serverUrl', 'runId', 'sha', 'actor', 'action'] as const) expect(ours[field]).toBe(context[field])
      expect(ours.repo).toEqual(context.repo)
      expect(runContext()).toEqual({
        userAgent: expect.stringMatching(/^appmixer-action\/\d+\.\d+\.\d+ \(octo-org\/deploy; run 4242\)$/),
        runUrl: 'https://github.example.com/octo-org/deploy/actions/runs/4242',
        description: 'octo-org/deploy run 4242 at abcdef1 by octocat',
        stepId: 'gate-production'
      })
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  })
})
