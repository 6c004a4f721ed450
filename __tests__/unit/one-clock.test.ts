/**
 * One clock: `src/clock.ts` is the only module that reads the time or starts a timer. Any other
 * reading would be a second clock that a test cannot move, and a test that passes only on the
 * day it was written.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const SRC = path.resolve('src')
const TIME_READS =
  /\bDate\.now\(|\bnew Date\(\s*\)|\bsetTimeout\(|\bsetInterval\(|\bperformance\.now\(|\bprocess\.hrtime|\bAbortSignal\.timeout\(/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : entry.name.endsWith('.ts') ? [path.join(dir, entry.name)] : []
  )
}

describe('one clock', () => {
  it('reads the time only in src/clock.ts', () => {
    const offenders = sourceFiles(SRC)
      .filter(file => path.relative(SRC, file) !== 'clock.ts')
      .flatMap(file =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, index) => [line, index] as const)
          .filter(([line]) => TIME_READS.test(line) && !/^\s*(\/\/|\*)/.test(line))
          .map(([line, index]) => `${path.relative(SRC, file)}:${index + 1}: ${line.trim()}`)
      )
    expect(offenders).toEqual([])
  })

  it('finds a time read when there is one', () => {
    expect(TIME_READS.test('const started = Date.now()')).toBe(true)
    expect(TIME_READS.test('await new Promise(r => setTimeout(r, 5))')).toBe(true)
    expect(TIME_READS.test('isoTime(clock.now() - window)')).toBe(false)
  })
})
