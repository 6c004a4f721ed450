// @ts-check
/**
 * The query languages of the Appmixer API, as far as the action and its tests use them:
 * `GET /flows` filter / projection / sort / pattern, and the Lucene subset of `GET /logs`.
 */

/**
 * @param {any} object
 * @param {string} dotted
 */
function pick(object, dotted) {
  return dotted.split('.').reduce((value, key) => (value == null ? undefined : value[key]), object)
}

/**
 * `filter=field:value` (repeatable; dotted paths; AND across fields, repeated values on one
 * field mean "any of"). A value may start with an operator, as Appmixer documents them: `!` not,
 * `^` starts with, `$` ends with, `~` contains, `>` / `<` compares. `pattern` matches a
 * substring of name or flowId.
 * @param {any[]} items
 * @param {string[]} filters
 * @param {string | null} pattern
 */
export function filterFlows(items, filters, pattern) {
  /** @type {Map<string, Array<(value: unknown) => boolean>>} */
  const byField = new Map()
  /** @type {Array<(item: any) => boolean>} */
  const required = []
  for (const filter of filters) {
    const at = filter.indexOf(':')
    if (at < 0) continue
    const field = filter.slice(0, at)
    const test = valueTest(filter.slice(at + 1))
    // Plain values on one field are alternatives; operators must all hold.
    if (test.plain) byField.set(field, [...(byField.get(field) ?? []), test.matches])
    else required.push(item => test.matches(pick(item, field)))
  }
  return items.filter(item => {
    for (const [field, alternatives] of byField) if (!alternatives.some(matches => matches(pick(item, field)))) return false
    if (!required.every(matches => matches(item))) return false
    if (pattern) {
      const needle = pattern.toLowerCase()
      return String(item.name).toLowerCase().includes(needle) || String(item.flowId).toLowerCase().includes(needle)
    }
    return true
  })
}

/** @param {string} raw @returns {{plain: boolean, matches: (value: unknown) => boolean}} */
function valueTest(raw) {
  const operator = raw[0]
  const operand = raw.slice(1)
  /** @param {unknown} value */
  const text = value => (value === undefined || value === null ? '' : String(value))
  switch (operator) {
    case '!':
      return { plain: false, matches: value => text(value) !== operand }
    case '^':
      return { plain: false, matches: value => text(value).startsWith(operand) }
    case '$':
      return { plain: false, matches: value => text(value).endsWith(operand) }
    case '~':
      return { plain: false, matches: value => text(value).toLowerCase().includes(operand.toLowerCase()) }
    case '>':
      return { plain: false, matches: value => value !== undefined && text(value) > operand }
    case '<':
      return { plain: false, matches: value => value !== undefined && text(value) < operand }
    default:
      return { plain: true, matches: value => text(value) === raw }
  }
}

/**
 * `projection=a,b` keeps fields; `projection=-a,-b` drops them. `flowId` is always kept.
 * @param {any} item
 * @param {string | null} projection
 */
export function project(item, projection) {
  if (!projection) return item
  const fields = projection
    .split(',')
    .map(field => field.trim())
    .filter(Boolean)
  if (fields.every(field => field.startsWith('-'))) {
    const copy = { ...item }
    for (const field of fields) delete copy[field.slice(1)]
    return copy
  }
  /** @type {Record<string, unknown>} */
  const kept = { flowId: item.flowId }
  for (const field of fields) if (field in item) kept[field] = item[field]
  return kept
}

/**
 * `sort=field:1|-1` (flows) or `field[:desc]` (logs); several keys in order.
 * @param {any[]} items
 * @param {string[]} sorts
 */
export function sortBy(items, sorts) {
  const keys = sorts.map(sort => {
    const [field, direction = '1'] = sort.split(':')
    return { field, sign: direction === '-1' || direction === 'desc' ? -1 : 1 }
  })
  return [...items].sort((a, b) => {
    for (const { field, sign } of keys) {
      const x = pick(a, field)
      const y = pick(b, field)
      if (x < y) return -sign
      if (x > y) return sign
    }
    return 0
  })
}

/**
 * A Lucene subset: clauses joined by AND; `field:value`, `field:"value"`, `field:[A TO B]`
 * with `*` for an open end. Anything else is a 400, as Elasticsearch would refuse it.
 * @param {string} query
 * @returns {(record: any) => boolean}
 */
export function luceneMatcher(query) {
  if (!query.trim()) return () => true
  const clauses = query.split(/\s+AND\s+/).map(clause => {
    const match = /^([\w@.]+):(?:\[(\S+) TO (\S+)\]|"([^"]*)"|(\S+))$/.exec(clause.trim())
    if (!match) throw new Error(`Unsupported query clause: ${clause}`)
    const [, field, from, to, quoted, plain] = match
    if (from !== undefined) {
      return (/** @type {any} */ record) => {
        const value = pick(record, field)
        return value !== undefined && (from === '*' || value >= from) && (to === '*' || value <= to)
      }
    }
    const expected = quoted ?? plain
    return (/** @type {any} */ record) => String(pick(record, field)) === expected
  })
  return record => clauses.every(clause => clause(record))
}
