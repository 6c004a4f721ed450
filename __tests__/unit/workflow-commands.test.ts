/**
 * Our workflow-command writer must say exactly what `@actions/core` says, byte for byte: the
 * runner parses these lines and files, and masking depends on them.
 */
import { jest } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import * as core from '@actions/core'
import * as ours from '../../src/workflow-commands.js'

const TRICKY = ['plain', 'multi\nline\r\nvalue', '100% done: a, b', '::add-mask::x', 'ünïcødé 🚀', '']

function captureStdout(action: () => void): string {
  let written = ''
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written += chunk.toString()
    return true
  })
  try {
    action()
  } finally {
    spy.mockRestore()
  }
  return written
}

describe('workflow commands, compared with @actions/core', () => {
  it.each(TRICKY)('writes the same lines for %j', text => {
    expect(captureStdout(() => ours.setSecret(text))).toBe(captureStdout(() => core.setSecret(text)))
    expect(captureStdout(() => ours.issueCommand('debug', {}, text))).toBe(captureStdout(() => core.debug(text)))
    expect(captureStdout(() => ours.info(text))).toBe(captureStdout(() => core.info(text)))
    expect(captureStdout(() => ours.issueCommand('warning', { title: `t: ${text}` }, text))).toBe(
      captureStdout(() => core.warning(text, { title: `t: ${text}` }))
    )
    expect(captureStdout(() => ours.issueCommand('error', {}, text))).toBe(captureStdout(() => core.error(text)))
  })

  it('appends outputs to GITHUB_OUTPUT in the same heredoc form', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'commands-'))
    const file = path.join(dir, 'output')
    process.env.GITHUB_OUTPUT = file
    try {
      for (const value of TRICKY) {
        writeFileSync(file, '')
        ours.setOutput('response', value)
        const mine = readFileSync(file, 'utf8').replace(/ghadelimiter_[0-9a-f-]+/g, 'DELIMITER')
        writeFileSync(file, '')
        core.setOutput('response', value)
        const theirs = readFileSync(file, 'utf8').replace(/ghadelimiter_[0-9a-f-]+/g, 'DELIMITER')
        expect(mine).toBe(theirs)
      }
    } finally {
      delete process.env.GITHUB_OUTPUT
    }
  })

  it('reads inputs the way the toolkit does', () => {
    process.env['INPUT_BASE-URL'] = '  https://api.example.com \n'
    process.env.INPUT_MAX_ERRORS_X = 'no'
    try {
      expect(ours.getInput('base-url')).toBe(core.getInput('base-url'))
      expect(ours.getInput('max errors x')).toBe(core.getInput('max errors x'))
      expect(ours.getInput('absent')).toBe(core.getInput('absent'))
    } finally {
      delete process.env['INPUT_BASE-URL']
      delete process.env.INPUT_MAX_ERRORS_X
    }
  })
})
