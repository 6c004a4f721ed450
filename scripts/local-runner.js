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

  const summary = readFileSync(step.summaryFile, 'utf8')
  const view = runnerView(stdout, options.debug ?? false)
  // The runner takes outputs from the file and from old-style `set-output` commands alike.
  const outputs = { ...parseCommandFile(readFileSync(step.outputFile, 'utf8')), ...view.outputs }
  step.cleanup()
  return { code: /** @type {number | null} */ (code), stdout, stderr, outputs, summary, masks: view.masks, log: view.log, durationMs }
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
 * The log as a workflow author sees it, read the way GitHub's runner reads a step's stdout
 * (a port of actions/runner's ActionCommand parser and secret masker, for the commands that
 * matter here):
 * - `::name props::data` at a line's start (after blanks), and old-style `##[name props]data`
 *   anywhere in a line;
 * - `add-mask` registers a secret (a multi-line one whole and line by line, and its base64
 *   forms), and every later line has them replaced by `***`;
 * - old-style `set-output` still sets an output; `stop-commands` makes every later command plain
 *   text until its token comes back as `::token::`;
 * - `::debug::` shows only in debug mode.
 * @param {string} stdout
 * @param {boolean} debug
 */
export function runnerView(stdout, debug) {
  /** @type {string[]} */
  const masks = []
  /** @type {string[]} */
  const log = []
  /** @type {Record<string, string>} */
  const outputs = {}
  /** @type {string | undefined} */
  let stoppedUntil
  for (const line of stdout.split(/\r?\n/)) {
    if (stoppedUntil !== undefined) {
      if (line.trim() === `::${stoppedUntil}::`) stoppedUntil = undefined
      else log.push(maskLine(line, masks))
      continue
    }
    const command = parseCommandV2(line) ?? parseCommandV1(line)
    if (!command) {
      log.push(maskLine(line, masks))
      continue
    }
    const { name, properties, data } = command
    if (name === 'add-mask') {
      for (const form of maskForms(data)) if (!masks.includes(form)) masks.push(form)
      continue
    }
    if (name === 'stop-commands') {
      stoppedUntil = data
      continue
    }
    if (name === 'set-output' && properties.name) {
      outputs[properties.name] = data
      continue
    }
    if (name === 'debug' && !debug) continue
    const label = name === 'error' ? 'Error' : name === 'warning' ? 'Warning' : name === 'debug' ? '##[debug]' : name
    log.push(maskLine(name === 'debug' ? `${label}${data}` : `${label}: ${data}`, masks))
  }
  while (log.length && log[log.length - 1] === '') log.pop()
  return { masks, log, outputs }
}

/** @param {string} line @returns {{name: string, properties: Record<string, string>, data: string} | undefined} */
function parseCommandV2(line) {
  const message = line.trimStart()
  if (!message.startsWith('::')) return undefined
  const end = message.indexOf('::', 2)
  if (end < 0) return undefined
  const info = message.slice(2, end)
  const space = info.indexOf(' ')
  const name = (space < 0 ? info : info.slice(0, space)).trim()
  if (!name) return undefined
  /** @type {Record<string, string>} */
  const properties = {}
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(',')) {
      const at = pair.indexOf('=')
      if (at > 0) properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1))
    }
  }
  return { name: name.toLowerCase(), properties, data: unescapeData(message.slice(end + 2)) }
}

/** @param {string} line @returns {{name: string, properties: Record<string, string>, data: string} | undefined} */
function parseCommandV1(line) {
  const start = line.indexOf('##[')
  if (start < 0) return undefined
  const end = line.indexOf(']', start)
  if (end < 0) return undefined
  const [name, ...pairs] = line.slice(start + 3, end).split(' ')
  if (!name) return undefined
  /** @type {Record<string, string>} */
  const properties = {}
  for (const pair of pairs.join(' ').split(';')) {
    const at = pair.indexOf('=')
    if (at > 0) properties[pair.slice(0, at).trim()] = unescapeV1(pair.slice(at + 1))
  }
  return { name: name.toLowerCase(), properties, data: unescapeV1(line.slice(end + 1)) }
}

/** The forms the runner's masker hides for one `add-mask` value. @param {string} value */
function maskForms(value) {
  const values = value.includes('\n') ? [value, ...value.split(/\r?\n/)] : [value]
  return values
    .map(item => item.trim())
    .filter(Boolean)
    .flatMap(item => [item, Buffer.from(item).toString('base64').replace(/=+$/, '')])
}

/** @param {string} line @param {string[]} masks */
function maskLine(line, masks) {
  let text = line
  for (const mask of [...masks].sort((a, b) => b.length - a.length)) if (mask) text = text.split(mask).join('***')
  return text
}

/** @param {string} text */
function unescapeData(text) {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

/** @param {string} text */
function unescapeProperty(text) {
  return unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',')
}

/** @param {string} text */
function unescapeV1(text) {
  return text.replace(/%3B/g, ';').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%5D/g, ']').replace(/%25/g, '%')
}
