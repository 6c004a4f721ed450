/**
 * The runner's protocol, as GitHub documents it ("Workflow commands for GitHub Actions"):
 * `::name key=value::message` lines on stdout, and `name<<delimiter` blocks appended to the
 * GITHUB_OUTPUT file. Byte for byte what `@actions/core` writes (a unit test holds it to
 * that), in a few dozen lines: importing the toolkit costs ~80 ms of start-up per step, most
 * of it for an HTTP stack (undici) that only its OIDC helper uses (docs/benchmarks.md).
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import { EOL } from 'node:os'

export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

export function isDebug(): boolean {
  return process.env.RUNNER_DEBUG === '1'
}

export function issueCommand(command: string, properties: Record<string, string | undefined>, message: string): void {
  const props = Object.entries(properties)
    .filter(([, value]) => value)
    .map(([key, value]) => `${key}=${escapeProperty(value!)}`)
    .join(',')
  process.stdout.write(`::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`)
}

export function info(message: string): void {
  process.stdout.write(message + EOL)
}

export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret)
}

export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT
  if (!file) {
    // Outside a runner (or an old one): the deprecated stdout form, as the toolkit falls back to.
    process.stdout.write(EOL)
    issueCommand('set-output', { name }, value)
    return
  }
  const delimiter = `ghadelimiter_${randomUUID()}`
  // A value cannot hold a random UUID it has never seen; the toolkit checks anyway, and so do we.
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`Output '${name}' contains its own delimiter`)
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' })
}

export function setFailed(message: string): void {
  process.exitCode = 1
  issueCommand('error', {}, message)
}

export async function appendSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (file) await appendFile(file, markdown + EOL, { encoding: 'utf8' })
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
