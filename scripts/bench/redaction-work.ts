/**
 * The cost of redaction when the server chooses it: 10,000 values selected by `mask` (as
 * distinct strings, the worst case), registered one by one as src/main.ts does, then a 10 MB
 * body redacted whole and streamed in 64 KiB pieces, in CPU time. Bundled with ncc by redaction.mjs and
 * run under Node 24; prints one JSON line of milliseconds.
 */
import { SecretRegistry } from '../../src/secrets.js'
import { MIN_MASKED_LENGTH } from '../../src/masking.js'

const VALUES = 10_000
const BODY_BYTES = 10 * 1024 * 1024

// What `mask` selects in flows' configs: API keys, webhook URLs, and a few passwords with
// punctuation and non-ASCII letters (the most spellings: JSON, URL, NFC and NFD all differ).
const hex = (i: number) => ((i * 2654435761) >>> 0).toString(16).padStart(8, '0')
const values = Array.from({ length: VALUES }, (_, i) =>
  i % 4 < 2
    ? `sk_live_${hex(i)}${hex(i + 7)}${hex(i + 13)}`
    : i % 4 === 2
      ? `https://hooks.example.com/services/T${hex(i)}/B${hex(i + 3)}`
      : `Pässwort "${hex(i)}"/é!`
)
const row = (i: number) => `{"id":${i},"note":"nothing secret here, just text ${i}","key":"${values[i % VALUES]}"},`
const parts: string[] = []
let length = 0
for (let i = 0; length < BODY_BYTES; i++) {
  const text = row(i)
  parts.push(text)
  length += text.length
}
const body = `[${parts.join('').slice(0, -1)}]`

// CPU time, not wall time: the figure should not depend on what else the machine runs.
const ms = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since)
  return (used.user + used.system) / 1000
}
let told = 0
const registry = new SecretRegistry(() => void told++)
let started = process.cpuUsage()
for (const value of values) registry.add(value, MIN_MASKED_LENGTH)
const register = ms(started)

started = process.cpuUsage()
const redacted = registry.redact(body)
const whole = ms(started) // includes building the automaton, on this first redaction

started = process.cpuUsage()
const again = registry.redact(body)
const second = ms(started)

started = process.cpuUsage()
const stream = registry.streamRedactor()
let streamed = ''
for (let at = 0; at < body.length; at += 65_536) streamed += stream.push(body.slice(at, at + 65_536))
streamed += stream.end()
const streaming = ms(started)

if (redacted !== again || streamed !== redacted || redacted.includes('sk_live_')) throw new Error('redaction is not consistent')
console.log(
  JSON.stringify({
    values: VALUES,
    spellings: registry.size,
    runnerMasks: told,
    bodyMiB: Number((body.length / 2 ** 20).toFixed(1)),
    register: Math.round(register),
    firstRedaction: Math.round(whole),
    redaction: Math.round(second),
    streamed: Math.round(streaming)
  })
)
