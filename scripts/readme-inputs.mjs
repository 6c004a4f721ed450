// @ts-check
/**
 * `npm run readme`: the README's inputs and outputs tables, rendered from action.yml (the one
 * source of the names, defaults and descriptions) between the markers
 *
 *   <!-- inputs:start -->  …  <!-- inputs:end -->
 *   <!-- outputs:start --> …  <!-- outputs:end -->
 *
 * and formatted with the repository's Prettier settings, so `prettier --check` agrees.
 *
 *   node scripts/readme-inputs.mjs [--check] [README path]
 *
 * `--check` (in `npm run lint`) changes nothing and fails when the README is out of date. A
 * README without the markers passes `--check` with a notice (and writing it fails, saying
 * where the markers go).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'
import { parse } from 'yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * @typedef {{description?: string, default?: unknown, required?: boolean}} InputSpec
 * @typedef {{inputs?: Record<string, InputSpec>, outputs?: Record<string, {description?: string}>}} ActionYml
 */

/** Text for one table cell: one line, Markdown's special characters escaped. @param {string} text */
export function cell(text) {
  return text.replace(/\s+/g, ' ').trim().replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '\\<').replace(/\*/g, '\\*')
}

/** @param {ActionYml} action */
export function inputsTable(action) {
  const rows = Object.entries(action.inputs ?? {}).map(
    ([name, spec]) =>
      `| \`${name}\` | ${spec.default === undefined ? '' : `\`${String(spec.default)}\``} | ${cell(spec.description ?? '')} |`
  )
  return ['| input | default | description |', '| --- | --- | --- |', ...rows].join('\n')
}

/** @param {ActionYml} action */
export function outputsTable(action) {
  const rows = Object.entries(action.outputs ?? {}).map(([name, spec]) => `| \`${name}\` | ${cell(spec.description ?? '')} |`)
  return ['| output | description |', '| --- | --- |', ...rows].join('\n')
}

/**
 * The README with both tables rendered between their markers (before formatting), and the
 * names of the marker pairs it lacks.
 * @param {string} readme
 * @param {ActionYml} action
 */
export function renderTables(readme, action) {
  /** @type {string[]} */
  const missing = []
  let text = readme
  for (const [name, table] of /** @type {const} */ ([
    ['inputs', inputsTable(action)],
    ['outputs', outputsTable(action)]
  ])) {
    const start = `<!-- ${name}:start -->`
    const end = `<!-- ${name}:end -->`
    const from = text.indexOf(start)
    const to = text.indexOf(end)
    if (from < 0 || to < from) {
      missing.push(name)
      continue
    }
    text = `${text.slice(0, from + start.length)}\n\n${table}\n\n${text.slice(to)}`
  }
  return { text, missing }
}

/**
 * The README as `npm run readme` would write it.
 * @param {string} file
 * @param {ActionYml} action
 */
export async function renderedReadme(file, action) {
  const { text, missing } = renderTables(readFileSync(file, 'utf8'), action)
  // The repository's Prettier settings, wherever the file is (a test renders a copy elsewhere).
  const options = (await prettier.resolveConfig(path.join(root, 'README.md'))) ?? {}
  return { text: await prettier.format(text, { ...options, parser: 'markdown' }), missing }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const check = args.includes('--check')
  const file = path.resolve(args.find(arg => arg !== '--check') ?? path.join(root, 'README.md'))
  const shown = path.relative(process.cwd(), file) || file
  const action = /** @type {ActionYml} */ (parse(readFileSync(path.join(root, 'action.yml'), 'utf8')))
  const { text, missing } = await renderedReadme(file, action)
  const current = readFileSync(file, 'utf8')
  if (missing.length === 2) {
    const message = `${shown} has no <!-- inputs:start -->/<!-- inputs:end --> nor <!-- outputs:start -->/<!-- outputs:end --> markers`
    if (check) console.log(`Notice: ${message}: the tables are not checked against action.yml.`)
    else console.error(`${message}: put them where the inputs and outputs tables go, then run npm run readme again.`)
    process.exit(check ? 0 : 1)
  }
  for (const name of missing) console.log(`Notice: ${shown} has no <!-- ${name}:start -->/<!-- ${name}:end --> markers.`)
  if (check) {
    if (text !== current) {
      console.error(`${shown}: the inputs/outputs tables are not those of action.yml. Run: npm run readme`)
      process.exit(1)
    }
    console.log(`${shown}: the inputs/outputs tables match action.yml.`)
  } else if (text !== current) {
    writeFileSync(file, text)
    console.log(`${shown}: inputs/outputs tables rendered from action.yml.`)
  } else console.log(`${shown}: already up to date.`)
}
