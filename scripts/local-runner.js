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

/** @returns {{inputs: Record<string, {description?: string, default?: string}>, outputs: Record<string, {description?: string}>}} */
export function readActionYml() {
  return parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'))
}

/**
 * @typedef {{code: number | null, killed: boolean, stdout: string, stderr: string, outputs: Record<string, string>,
 *   summary: string, masks: string[], log: string[], durationMs: number}} StepRun
 * (`killed`: the step ran past `timeoutMs` and was stopped.)
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
  let killed = false
  const timer = setTimeout(() => {
    killed = true
    child.kill('SIGKILL')
  }, options.timeoutMs ?? 120_000)
  const code = await new Promise(resolve => child.on('close', resolve))
  clearTimeout(timer)
  const durationMs = Date.now() - started

  const summary = readFileSync(step.summaryFile, 'utf8')
  const view = runnerView(stdout, options.debug ?? false)
  // The runner takes outputs from the file and from old-style `set-output` commands alike.
  const outputs = { ...parseCommandFile(readFileSync(step.outputFile, 'utf8')), ...view.outputs }
  step.cleanup()
  return {
    code: /** @type {number | null} */ (code),
    killed,
    stdout,
    stderr,
    outputs,
    summary,
    masks: view.masks,
    log: view.log,
    durationMs
  }
}

/**
 * A duration input in milliseconds, as the action reads one (`90s`, `5m`, `1h30m`, `250ms`, or a
 * number of seconds); undefined when it is empty or not a duration (the action then says so).
 * @param {string | undefined} text
 */
export function durationMs(text) {
  const value = (text ?? '').trim()
  if (!value) return undefined
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000
  const units = /** @type {Record<string, number>} */ ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 })
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)]
  if (!parts.length || parts.map(part => part[0]).join('') !== value) return undefined
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * units[unit], 0)
}

/** Time for Node to start and for the runner to read the step's output, on top of the step's own limit. */
export const STEP_MARGIN_MS = 15_000

/**
 * How long a step with these inputs (action.yml defaults filled in) may run before the runner
 * should give up on it: the step's own limit, plus a margin. Publishing first follows the
 * upload for up to `publish-timeout`; then a wait (`wait`; empty means 2m with `command`, 5m
 * with `update-instances`) ends within the wait and one `timeout`; without a wait, a request
 * ends within its attempts (`retries` + 1) of one `timeout` each; `hold` comes after the gate.
 * @param {Record<string, string>} given the inputs given (not the defaults)
 * @returns {{limitMs: number, parts: string[]}}
 */
export function stepLimit(given) {
  /** @type {Record<string, string>} */
  const inputs = {}
  for (const [name, spec] of Object.entries(readActionYml().inputs)) {
    if (spec.default !== undefined) inputs[name] = String(spec.default)
  }
  Object.assign(inputs, given)
  const timeout = durationMs(inputs.timeout) ?? 30_000
  const retries = Math.max(0, Math.floor(Number(inputs.retries ?? 3)) || 0)
  const parts = []
  let limitMs = 0
  if (inputs.publish?.trim()) {
    limitMs += (durationMs(inputs['publish-timeout']) ?? 300_000) + timeout
    parts.push('publish-timeout + timeout')
  }
  const implicitWait = inputs.command?.trim() ? 120_000 : /^true$/i.test(inputs['update-instances'] ?? '') ? 300_000 : 0
  const wait = inputs.wait?.trim() ? (durationMs(inputs.wait) ?? 0) : implicitWait
  if (wait > 0) {
    limitMs += wait + timeout
    parts.push(inputs.wait?.trim() ? 'wait + timeout' : `the implicit wait (${implicitWait / 60_000}m) + timeout`)
  } else {
    limitMs += timeout * (retries + 1)
    parts.push(`timeout × ${retries + 1} attempts`)
  }
  const hold = durationMs(inputs.hold)
  if (hold) {
    limitMs += hold
    parts.push('hold')
  }
  parts.push(`${STEP_MARGIN_MS / 1000}s margin`)
  return { limitMs: limitMs + STEP_MARGIN_MS, parts }
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
    const label =
      name === 'error' ? 'Error' : name === 'warning' ? 'Warning' : name === 'notice' ? 'Notice' : name === 'debug' ? '##[debug]' : name
    log.push(maskLine(name === 'debug' ? `${label}${data}` : `${label}: ${data}`, masks))
    const where = annotationPlace(properties)
    if (where && ['error', 'warning', 'notice'].includes(name)) log.push(maskLine(`  ↳ ${where}`, masks))
  }
  while (log.length && log[log.length - 1] === '') log.pop()
  return { masks, log, outputs }
}

/**
 * Where the runner puts an annotation, as the log line under it says: its title, and the file
 * and line it marks in the pull request's diff (`file`, `line`/`startLine`, `endLine`, `col`).
 * Undefined for one that names no file (it lands on the run's summary only).
 * @param {Record<string, string>} properties
 */
export function annotationPlace(properties) {
  const file = properties.file
  if (!file) return undefined
  const line = properties.line ?? properties.startLine
  const end = properties.endLine && properties.endLine !== line ? `-${properties.endLine}` : ''
  const column = properties.col ?? properties.startColumn
  const position = line ? `${file}:${line}${end}${column ? `:${column}` : ''}` : file
  const title = properties.title ? `"${properties.title}" ` : ''
  return `annotation ${title}on ${position}`
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
