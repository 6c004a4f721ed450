/**
 * The check every end-to-end scenario ends with: no secret, in any form a log might carry it,
 * appears in stdout, stderr, the outputs or the job summary, except in its own `::add-mask::`
 * line (and the opt-in `token` output).
 */
import type { StepRun } from '../../scripts/local-runner.js'

export function encodedForms(secret: string): string[] {
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    Buffer.from(secret).toString('base64').replace(/=+$/, '')
  ]
}

export function findLeaks(step: StepRun, secrets: string[], options: { tokenOutputAllowed?: boolean } = {}): string[] {
  const leaks: string[] = []
  const places: Array<[string, string]> = [
    [
      'stdout',
      step.stdout
        .split('\n')
        .filter(line => !line.startsWith('::add-mask::'))
        .join('\n')
    ],
    // What the workflow's author sees: the log after the runner parsed and masked it.
    ['runner log', step.log.join('\n')],
    ['stderr', step.stderr],
    ['summary', step.summary],
    ...Object.entries(step.outputs)
      .filter(([name]) => !(name === 'token' && options.tokenOutputAllowed))
      .map(([name, value]): [string, string] => [`output ${name}`, value])
  ]
  for (const secret of secrets.filter(Boolean)) {
    for (const form of encodedForms(secret)) {
      for (const [place, text] of places) {
        if (text.includes(form)) leaks.push(`${place} contains a form of a secret (${form.slice(0, 4)}…)`)
      }
    }
  }
  return leaks
}

/** Each secret that was used must be registered before the first line that is not a mask. */
export function masksFirst(step: StepRun, secrets: string[]): boolean {
  const lines = step.stdout.split('\n')
  const firstOther = lines.findIndex(line => line.trim() && !line.startsWith('::add-mask::'))
  return secrets.every(secret => {
    const at = lines.indexOf(`::add-mask::${secret}`)
    return at >= 0 && (firstOther < 0 || at < firstOther)
  })
}
