// @ts-check
/**
 * `npm run bench`, redaction section (BENCH_ONLY=redaction runs it alone): the time to register
 * 10,000 masked values and to redact a 10 MB body with them, whole and streamed, in CPU time, under Node 24.
 * Figures, not tests: nothing here passes or fails on time.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { node24Path } from '../node24.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const only = process.env.BENCH_ONLY

if (!only || only === 'redaction') {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-redaction-'))
  execFileSync('npx', ['ncc', 'build', path.join(HERE, 'redaction-work.ts'), '-o', dir, '--quiet'], { stdio: 'inherit' })
  const figures = JSON.parse(execFileSync(node24Path(), [path.join(dir, 'index.js')], { encoding: 'utf8' }).trim())
  console.log('')
  console.log(`Redaction (${figures.values.toLocaleString('en')} masked values, ${figures.spellings.toLocaleString('en')} spellings):`)
  console.log(
    `  registering the values                     ${figures.register} ms (${figures.runnerMasks.toLocaleString('en')} ::add-mask:: lines)`
  )
  console.log(`  redacting a ${figures.bodyMiB} MiB body, first time      ${figures.firstRedaction} ms (building the automaton included)`)
  console.log(`  redacting it again                         ${figures.redaction} ms`)
  console.log(`  redacting it streamed in 64 KiB pieces     ${figures.streamed} ms`)
  console.log('  target: registering and one redaction well under a second of CPU')
}
