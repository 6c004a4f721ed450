import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { writeText } from '../../src/response-file.js'
import { readableTime } from '../../src/summary.js'

describe('writeText', () => {
  it('writes a string in slices without splitting characters', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'write-text-')), 'body.json')
    const text = '{"name":"🚀ünï🚀","more":"' + '😀'.repeat(50) + '"}'
    for (const slice of [1, 2, 3, 7, 1 << 20]) {
      await writeText(file, text, slice)
      expect(readFileSync(file, 'utf8')).toBe(text)
    }
  })
})

describe('readableTime', () => {
  it('shows a time as a person reads it in a table, relative to the end of the step', () => {
    const ended = Date.parse('2026-11-30T10:00:00Z')
    expect(readableTime('2026-11-01T09:00:00.000Z', ended)).toBe('2026-11-01 09:00 UTC (29 days ago)')
    expect(readableTime('2026-11-30T07:30:00.000Z', ended)).toBe('2026-11-30 07:30 UTC (2 hours ago)')
    expect(readableTime('2026-11-30T09:59:30.000Z', ended)).toBe('2026-11-30 09:59 UTC (just now)')
    expect(readableTime('not a time', ended)).toBe('not a time')
    expect(readableTime(undefined, ended)).toBe('')
  })
})
