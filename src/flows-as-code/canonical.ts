/**
 * Canonical JSON: object keys sorted, so the same value always gives the same text, whatever
 * order a server sent its keys in. Flow files are written with it (a diff shows only real
 * changes) and plans compare with it (key order is never a change). The keys are emitted in the
 * order chosen here, not the object's own: JavaScript puts integer-like keys first.
 */

/**
 * The value as JSON text with sorted keys; `indent` 0 gives the compact form. `topOrder`, when
 * given, orders the top-level keys instead (keys not in it come after, sorted).
 */
export function canonicalJson(value: unknown, indent = 0, topOrder?: readonly string[]): string {
  return emit(value, indent, '', topOrder)
}

function emit(value: unknown, indent: number, outer: string, order?: readonly string[]): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    const inner = outer + ' '.repeat(indent)
    const items = value.map(item => emit(item === undefined ? null : item, indent, inner))
    return wrap('[', ']', items, indent, inner, outer)
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>
    const keys = orderedKeys(
      Object.keys(record).filter(key => record[key] !== undefined),
      order
    )
    if (keys.length === 0) return '{}'
    const inner = outer + ' '.repeat(indent)
    const colon = indent > 0 ? ': ' : ':'
    const members = keys.map(key => `${JSON.stringify(key)}${colon}${emit(record[key], indent, inner)}`)
    return wrap('{', '}', members, indent, inner, outer)
  }
  // Primitives as JSON itself writes them (a non-finite number becomes null).
  return JSON.stringify(value) ?? 'null'
}

function orderedKeys(keys: string[], order?: readonly string[]): string[] {
  const sorted = [...keys].sort()
  if (!order) return sorted
  const first = order.filter(key => keys.includes(key))
  return [...first, ...sorted.filter(key => !order.includes(key))]
}

function wrap(open: string, close: string, parts: string[], indent: number, inner: string, outer: string): string {
  if (indent === 0) return `${open}${parts.join(',')}${close}`
  return `${open}\n${inner}${parts.join(`,\n${inner}`)}\n${outer}${close}`
}
