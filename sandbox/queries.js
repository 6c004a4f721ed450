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
 * How `pattern` on `GET /flows` reads its term (docs/appmixer-api.md §6 documents only "containing pattern in their name
 * or flowId"): `substring` (the default) a case-sensitive substring of `name` or `flowId`; `case-insensitive` the same
 * ignoring case; `regex` a JavaScript regular expression tested on both (a bad one is a 400); `ignored` matches everything,
 * as a server that does not know the parameter would.
 * @typedef {'substring' | 'ignored' | 'case-insensitive' | 'regex'} PatternMode
 */

/** An error that the route answers as a Boom 400. */
export class QueryError extends Error {}

/**
 * `filter=field:value` (repeatable; dotted paths; AND across fields, repeated values on one
 * field mean "any of"). A value may start with an operator, as Appmixer documents them: `!` not,
 * `^` starts with, `$` ends with, `~` contains, `>` / `<` compares. `pattern` as `patternMode` says.
 * @param {any[]} items
 * @param {string[]} filters
 * @param {string | null} pattern
 * @param {PatternMode} [patternMode]
 * @throws {QueryError} on a pattern that is not a regular expression, in `regex` mode
 */
export function filterFlows(items, filters, pattern, patternMode = 'substring') {
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
  const searched = patternTest(pattern, patternMode)
  return items.filter(item => {
    for (const [field, alternatives] of byField) if (!alternatives.some(matches => matches(pick(item, field)))) return false
    if (!required.every(matches => matches(item))) return false
    return !searched || searched(String(item.name)) || searched(String(item.flowId))
  })
}

/**
 * @param {string | null} pattern @param {PatternMode} mode
 * @returns {((text: string) => boolean) | undefined}
 */
function patternTest(pattern, mode) {
  if (!pattern || mode === 'ignored') return undefined
  if (mode === 'case-insensitive') {
    const needle = pattern.toLowerCase()
    return text => text.toLowerCase().includes(needle)
  }
  if (mode === 'regex') {
    let expression
    try {
      expression = new RegExp(pattern)
    } catch (error) {
      throw new QueryError(`Invalid pattern: ${/** @type {Error} */ (error).message}`)
    }
    return text => expression.test(text)
  }
  return text => text.includes(pattern)
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
 * `sort=field:1|-1` (flows) or `field[:desc]` (logs); several keys in order. The keys are read
 * once per item, so sorting 50,000 flows stays cheap.
 * @template T
 * @param {T[]} items
 * @param {string[]} sorts
 * @returns {T[]}
 */
export function sortBy(items, sorts) {
  const keys = sorts.map(sort => {
    const [field, direction = '1'] = sort.split(':')
    return { field, sign: direction === '-1' || direction === 'desc' ? -1 : 1 }
  })
  const decorated = items.map(item => ({ item, values: keys.map(({ field }) => pick(item, field)) }))
  decorated.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const x = a.values[k]
      const y = b.values[k]
      if (x < y) return -keys[k].sign
      if (x > y) return keys[k].sign
    }
    return 0
  })
  return decorated.map(({ item }) => item)
}

/**
 * The Lucene `query_string` syntax of `GET /logs`, as far as Elasticsearch would take it:
 * - `field:value` (exact, case-sensitive, as on a keyword field), `field:"quoted value"`, `field:*` (the field exists),
 *   `field:val*` (a wildcard);
 * - ranges `field:[A TO B]`, `{A TO B}` (exclusive), mixed `[A TO B}`; each end an ISO time, `*` (open), or date math
 *   `now`, `now-15m`, `now+1h`, `now-2d/d` (units y M w d h H m s; `/unit` rounds down), evaluated at `nowMs`;
 *   a value is compared as a time when the end is one, else as a string;
 * - `AND` / `&&`, `OR` / `||`, `NOT` / leading `-`, parentheses; two clauses side by side are ORed, as
 *   Elasticsearch's default operator does.
 * A field is matched as the record holds it: `severity:error` does not match a record whose level is only in `level`.
 * Anything else (a bare word, `field:(a OR b)`) is refused with a QueryError, as a 400.
 * @param {string} query
 * @param {number} [nowMs] the server's clock, for date math
 * @returns {(record: any) => boolean}
 */
export function luceneMatcher(query, nowMs = Date.now()) {
  const tokens = tokenize(query, nowMs)
  if (tokens.length === 0) return () => true
  let at = 0
  const peek = () => tokens[at]
  /** @returns {(record: any) => boolean} */
  const parseOr = () => {
    const alternatives = [parseAnd()]
    while (at < tokens.length && peek().kind !== ')') {
      if (peek().kind === 'OR') at++
      alternatives.push(parseAnd())
    }
    return alternatives.length === 1 ? alternatives[0] : record => alternatives.some(clause => clause(record))
  }
  /** @returns {(record: any) => boolean} */
  const parseAnd = () => {
    const all = [parseUnary()]
    while (peek()?.kind === 'AND') {
      at++
      all.push(parseUnary())
    }
    return all.length === 1 ? all[0] : record => all.every(clause => clause(record))
  }
  /** @returns {(record: any) => boolean} */
  const parseUnary = () => {
    const token = tokens[at++]
    if (!token) throw new QueryError(`Unsupported query: ${query} (it ends too early)`)
    if (token.kind === 'NOT') {
      const inner = parseUnary()
      return record => !inner(record)
    }
    if (token.kind === '(') {
      const inner = parseOr()
      if (tokens[at++]?.kind !== ')') throw new QueryError(`Unsupported query: ${query} (a parenthesis is not closed)`)
      return inner
    }
    if (token.kind === 'term') return token.matches
    throw new QueryError(`Unsupported query: ${query} (unexpected ${token.kind})`)
  }
  const matcher = parseOr()
  if (at < tokens.length) throw new QueryError(`Unsupported query: ${query} (unexpected ${tokens[at].kind})`)
  return matcher
}

/**
 * @typedef {{kind: 'AND' | 'OR' | 'NOT' | '(' | ')'} | {kind: 'term', matches: (record: any) => boolean}} Token
 * @param {string} query @param {number} nowMs @returns {Token[]}
 */
function tokenize(query, nowMs) {
  /** @type {Token[]} */
  const tokens = []
  let at = 0
  while (at < query.length) {
    const char = query[at]
    if (/\s/.test(char)) {
      at++
      continue
    }
    if (char === '(' || char === ')') {
      tokens.push({ kind: char })
      at++
      continue
    }
    const operator = /^(AND|OR|NOT)(?=[\s()]|$)|^(&&|\|\|)|^(-)(?=[\w@])/.exec(query.slice(at))
    if (operator) {
      const word = operator[1] ?? operator[2] ?? operator[3]
      tokens.push({ kind: word === '&&' ? 'AND' : word === '||' ? 'OR' : word === '-' ? 'NOT' : /** @type {'AND'} */ (word) })
      at += word.length
      continue
    }
    const field = /^([\w@.]+):/.exec(query.slice(at))
    if (!field) throw new QueryError(`Unsupported query clause at "${query.slice(at)}": give field:value`)
    at += field[0].length
    const rest = query.slice(at)
    const range = /^([[{])\s*(\S+)\s+TO\s+(\S+?)\s*([\]}])/.exec(rest)
    if (range) {
      tokens.push({ kind: 'term', matches: rangeTest(field[1], range[2], range[3], range[1] === '[', range[4] === ']', nowMs) })
      at += range[0].length
      continue
    }
    if (rest[0] === '"') {
      const end = rest.indexOf('"', 1)
      if (end < 0) throw new QueryError(`Unsupported query: an unclosed quote in ${query}`)
      const expected = rest.slice(1, end)
      const name = field[1]
      tokens.push({ kind: 'term', matches: record => String(pick(record, name)) === expected })
      at += end + 1
      continue
    }
    const value = /^[^\s()"[\]{}]+/.exec(rest)
    if (!value) throw new QueryError(`Unsupported query clause: ${field[0]}${rest.split(/\s/)[0]} (no field grouping, give field:value)`)
    tokens.push({ kind: 'term', matches: valueMatch(field[1], value[0]) })
    at += value[0].length
  }
  return tokens
}

/** @param {string} field @param {string} expected @returns {(record: any) => boolean} */
function valueMatch(field, expected) {
  if (expected === '*') return record => pick(record, field) != null
  if (expected.includes('*') || expected.includes('?')) {
    const escaped = expected
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')
    const expression = new RegExp(`^${escaped}$`)
    return record => {
      const value = pick(record, field)
      return value != null && expression.test(String(value))
    }
  }
  return record => String(pick(record, field)) === expected
}

/**
 * @param {string} field @param {string} from @param {string} to @param {boolean} fromIncluded @param {boolean} toIncluded
 * @param {number} nowMs @returns {(record: any) => boolean}
 */
function rangeTest(field, from, to, fromIncluded, toIncluded, nowMs) {
  const low = rangeEnd(from, nowMs)
  const high = rangeEnd(to, nowMs)
  return record => {
    const raw = pick(record, field)
    if (raw == null) return false
    /** @param {{open: true} | {time: number} | {text: string}} end @returns {number} the record's value against the end */
    const compare = end => {
      if ('time' in end) {
        const time = typeof raw === 'number' ? raw : Date.parse(String(raw))
        return Number.isNaN(time) ? NaN : time - end.time
      }
      if ('text' in end) return String(raw) < end.text ? -1 : String(raw) > end.text ? 1 : 0
      return 0
    }
    if (!('open' in low)) {
      const c = compare(low)
      if (!(fromIncluded ? c >= 0 : c > 0)) return false
    }
    if (!('open' in high)) {
      const c = compare(high)
      if (!(toIncluded ? c <= 0 : c < 0)) return false
    }
    return true
  }
}

/** @param {string} end @param {number} nowMs @returns {{open: true} | {time: number} | {text: string}} */
function rangeEnd(end, nowMs) {
  if (end === '*') return { open: true }
  if (end.startsWith('now')) return { time: dateMath(end, nowMs) }
  const time = Date.parse(end)
  return Number.isNaN(time) ? { text: end } : { time }
}

const UNIT_MS = /** @type {Record<string, number>} */ ({ s: 1000, m: 60_000, h: 3_600_000, H: 3_600_000, d: 86_400_000, w: 604_800_000 })

/**
 * Elasticsearch date math on `now`: `now`, `now-15m`, `now+1h-30s`, `now/d`, `now-1d/d` (UTC).
 * @param {string} expression @param {number} nowMs
 */
export function dateMath(expression, nowMs) {
  const match = /^now((?:[+-]\d+[yMwdhHms])*)(?:\/([yMwdhHms]))?$/.exec(expression)
  if (!match) throw new QueryError(`Unsupported date math: ${expression}`)
  const date = new Date(nowMs)
  for (const [, sign, amount, unit] of match[1].matchAll(/([+-])(\d+)([yMwdhHms])/g)) {
    const n = Number(amount) * (sign === '-' ? -1 : 1)
    if (unit === 'y') date.setUTCFullYear(date.getUTCFullYear() + n)
    else if (unit === 'M') date.setUTCMonth(date.getUTCMonth() + n)
    else date.setTime(date.getTime() + n * UNIT_MS[unit])
  }
  const round = match[2]
  if (round === 'y') date.setUTCMonth(0, 1)
  if (round === 'M') date.setUTCDate(1)
  if (round === 'w') date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7))
  if (round === 'y' || round === 'M' || round === 'w' || round === 'd') date.setUTCHours(0, 0, 0, 0)
  if (round === 'h' || round === 'H') date.setUTCMinutes(0, 0, 0)
  if (round === 'm') date.setUTCSeconds(0, 0)
  if (round === 's') date.setUTCMilliseconds(0)
  return date.getTime()
}
