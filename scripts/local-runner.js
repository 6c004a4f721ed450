// @ts-check
/**
 * Runs the committed `dist/index.js` the way a GitHub runner runs a step: inputs as `INPUT_*`
 * variables (hyphens kept), defaults from action.yml, real GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, under Node 24. Then reads what the runner would read: workflow
 * commands, outputs and the summary, and masks the log as the runner masks it.
 * Used by `npm start` and the end-to-end tests.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { node24Path } from './node24.js'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** @returns {{inputs: Record<string, {default?: string}>, outputs: Record<string, unknown>}} */
export function readActionYml() {
  return parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'))
}

/**
 * @typedef {{code: number | null, stdout: string, stderr: string, outputs: Record<string, string>,
 *   summary: string, masks: string[], log: string[], durationMs: number}} StepRun
 */

/**
 * @typedef {{inputs: Record<string, string>, env?: Record<string, string>, debug?: boolean, timeoutMs?: number, workspace?: string}} StepOptions
 */

/**
 * The environment and files of one step, as a runner lays them out.
 * @param {StepOptions} options
 */
export function prepareStep({ inputs, env = {}, debug = false, workspace }) {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'appmixer-step-'))
  const outputFile = path.join(temp, 'output')
  const summaryFile = path.join(temp, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  /** @type {Record<string, string>} */
  const stepEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? temp,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_WORKSPACE: workspace ?? ROOT,
    GITHUB_REPOSITORY: 'octo-org/deploy-pipeline',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: temp,
    ...(debug ? { RUNNER_DEBUG: '1' } : {})
  }
  const defaults = readActionYml().inputs
  for (const [name, spec] of Object.entries(defaults)) {
    if (spec.default !== undefined) stepEnv[inputVariable(name)] = String(spec.default)
  }
  for (const [name, value] of Object.entries(inputs)) stepEnv[inputVariable(name)] = value
  Object.assign(stepEnv, env)
  return {
    env: stepEnv,
    command: [node24Path(), path.join(ROOT, 'dist', 'index.js')],
    cwd: workspace ?? ROOT,
    outputFile,
    summaryFile,
    cleanup: () => rmSync(temp, { recursive: true, force: true })
  }
}

/**
 * @param {StepOptions} options
 * @returns {Promise<StepRun>}
 */
export async function runStep(options) {
  const step = prepareStep(options)
  const started = Date.now()
  const [node, script] = step.command
  const child = spawn(node, [script], { env: step.env, cwd: step.cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', chunk => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', chunk => (stderr += chunk))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
  const code = await new Promise(resolve => child.on('close', resolve))
  clearTimeout(timer)
  const durationMs = Date.now() - started

  const outputs = parseCommandFile(readFileSync(step.outputFile, 'utf8'))
  const summary = readFileSync(step.summaryFile, 'utf8')
  step.cleanup()
  const { masks, log } = runnerView(stdout, options.debug ?? false)
  return { code: /** @type {number | null} */ (code), stdout, stderr, outputs, summary, masks, log, durationMs }
}

/** @param {string} name */
export function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/**
 * `name<<delimiter` blocks, as `@actions/core` writes GITHUB_OUTPUT.
 * @param {string} text
 */
export function parseCommandFile(text) {
  /** @type {Record<string, string>} */
  const values = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i])
    if (match) {
      const [, name, delimiter] = match
      const body = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) body.push(lines[i])
      values[name] = body.join('\n')
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=')
      values[lines[i].slice(0, at)] = lines[i].slice(at + 1)
    }
  }
  return values
}

/**
 * The log as a workflow author sees it: `::add-mask::` lines register secrets and vanish, every
 * later line has them replaced by `***`, `::debug::` shows only in debug mode.
 * @param {string} stdout
 * @param {boolean} debug
 */
export function runnerView(stdout, debug) {
  /** @type {string[]} */
  const masks = []
  /** @type {string[]} */
  const log = []
  for (const line of stdout.split(/\r?\n/)) {
    const command = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line)
    if (command?.[1] === 'add-mask') {
      masks.push(unescapeData(command[3]))
      continue
    }
    let text = line
    if (command) {
      const [, name, , message] = command
      if (name === 'debug' && !debug) continue
      text =
        name === 'debug'
          ? `##[debug]${unescapeData(message)}`
          : `${name === 'error' ? 'Error' : name === 'warning' ? 'Warning' : name}: ${unescapeData(message)}`
    }
    for (const mask of [...masks].sort((a, b) => b.length - a.length)) if (mask) text = text.split(mask).join('***')
    log.push(text)
  }
  while (log.length && log[log.length - 1] === '') log.pop()
  return { masks, log }
}

/** @param {string} text */
function unescapeData(text) {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}
