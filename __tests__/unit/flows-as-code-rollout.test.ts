/** Rolling a template out: the ticket followed until completed, failed or out of time, under both field names. */
import type { FlowApi } from '../../src/flows-as-code/api.js'
import { checkRollout, rollOut, rolloutStatus } from '../../src/flows-as-code/rollout.js'

function scriptedApi(statuses: unknown[], started: unknown = { ticket: 't-1' }) {
  const requests: Array<[string, unknown]> = []
  const api: FlowApi = {
    getJson: async path => {
      requests.push([`GET ${path}`, undefined])
      return statuses.shift()
    },
    postJson: async (path, body) => {
      requests.push([`POST ${path}`, body])
      return started
    },
    putJson: async () => {
      throw new Error('no PUT in a rollout')
    }
  }
  return { api, requests }
}

describe('rollOut', () => {
  it('posts update-integration-instances and follows the ticket until completed, waiting between looks', async () => {
    const { api, requests } = scriptedApi([
      { state: 'in-progress', progress: 0, stepsTotal: 2 },
      { state: 'in-progress', progress: 1, stepsTotal: 2 },
      { state: 'completed', progress: 2, stepsTotal: 2 }
    ])
    const waits: string[] = []
    const result = await rollOut(api, 'tpl-1', async pending => (waits.push(pending), true))
    expect(result).toEqual({ ticket: 't-1', state: 'completed', progress: 2, stepsTotal: 2 })
    expect(requests[0]).toEqual(['POST /integrations/tpl-1/update-integration-instances', { inProgressData: 'keep' }])
    expect(requests.slice(1).map(([line]) => line)).toEqual(Array(3).fill('GET /integrations/status/t-1'))
    expect(waits).toEqual([
      "rollout of 'tpl-1' is 'in-progress' (0 of 2 instances)",
      "rollout of 'tpl-1' is 'in-progress' (1 of 2 instances)"
    ])
  })

  it('reads the older `status` field and `stepsCompleted`', async () => {
    const { api } = scriptedApi([{ status: 'completed', stepsCompleted: 3, stepsTotal: 3 }])
    expect(await rollOut(api, 'tpl-1', async () => true, 'delete')).toMatchObject({ state: 'completed', progress: 3 })
  })

  it('fails with Appmixer’s error when the rollout failed', async () => {
    const { api } = scriptedApi([{ state: 'failed', error: 'Instance i-2 could not be updated' }])
    await expect(rollOut(api, 'tpl-1', async () => true)).rejects.toThrow(
      "The rollout of integration template 'tpl-1' to its instances failed: 'Instance i-2 could not be updated'"
    )
  })

  it('ends as a timeout when the wait says the deadline has passed', async () => {
    const { api } = scriptedApi([{ state: 'in-progress' }, { state: 'in-progress' }])
    let looks = 0
    const error = await rollOut(api, 'tpl-1', async () => ++looks < 2).catch(caught => caught)
    expect(error).toMatchObject({ verdict: 'timeout' })
    expect(error.message).toBe("Gave up waiting: the rollout of 'tpl-1' is 'in-progress' (ticket 't-1')")
  })

  it('refuses an answer without a ticket', async () => {
    const { api } = scriptedApi([], { ok: true })
    await expect(rollOut(api, 'tpl-1', async () => true)).rejects.toThrow(/gave no ticket/)
  })
})

describe('rolloutStatus and checkRollout', () => {
  it('never takes an unreadable status for completed', async () => {
    expect(rolloutStatus({ foo: 1 })).toEqual({ state: 'unknown' })
    expect(() => rolloutStatus('completed')).toThrow(/not a status/)
    expect(rolloutStatus({ state: 'failed', error: { message: 'boom' } }).error).toBe('boom')
    const { api } = scriptedApi([{ progress: 1 }])
    expect(await checkRollout(api, 'tpl-1', 't-1')).toMatchObject({ met: false, pending: "rollout of 'tpl-1' is 'unknown'" })
  })
})
