// @ts-check
// The card floor: the least action built on the design card's packages. It reads its inputs and
// masks with @actions/core, names the run with @actions/github's context, signs in and makes one
// GET with node-fetch on a keep-alive agent, and sets one output. scripts/bench/run.js bundles it
// with ncc, as the action is bundled, and runs it as a step under Node 24.
import http from 'node:http'
import * as core from '@actions/core'
import { context } from '@actions/github'
import fetch from 'node-fetch'

const base = core.getInput('base-url')
core.setSecret(core.getInput('password'))
const agent = new http.Agent({ keepAlive: true })
const headers = { 'user-agent': `card-floor (${context.runId})`, 'content-type': 'application/json' }
const credentials = JSON.stringify({ username: core.getInput('username'), password: core.getInput('password') })
const signIn = await fetch(`${base}/user/auth`, { method: 'POST', headers, body: credentials, agent })
const { token } = /** @type {{token: string}} */ (await signIn.json())
core.setSecret(token)
const user = await fetch(`${base}/user`, { headers: { ...headers, authorization: `Bearer ${token}` }, agent })
const body = /** @type {{id: string}} */ (await user.json())
core.setOutput('user-id', body.id)
agent.destroy()
