/** A FlowApi over the real Appmixer client (the one main.ts wires), for tests against the sandbox. */
import type { AppmixerClient, QueryPairs } from '../../src/appmixer.js'
import type { FlowApi } from '../../src/flows-as-code/api.js'

export function flowApiOf(client: AppmixerClient): FlowApi {
  return {
    getJson: (path, query) => client.getJson(path, query),
    postJson: (path, body, query) => client.postJson(path, body, query),
    putJson: async (path: string, body: unknown, query: QueryPairs = []) => {
      const response = await client.send({ method: 'PUT', path, query, body: JSON.stringify(body) })
      if (response.status < 200 || response.status >= 300) throw client.errorFor({ method: 'PUT', url: client.url(path, query) }, response)
      return JSON.parse(response.text) as unknown
    }
  }
}
