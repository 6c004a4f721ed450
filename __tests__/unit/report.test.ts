import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { writeText } from '../../src/response-file.js'

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
