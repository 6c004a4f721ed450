/**
 * File names of exported flows: the slug of the flow's name, and on a collision the slug plus
 * `-` and the first 8 characters of the flowId. The choice depends only on the set of flows,
 * never on the order they came in, so re-exporting the same flows gives the same names.
 */

/** Longest slug kept: file names stay readable and far below file system limits. */
const MAX_SLUG = 80

/** `Orders sync (EU)` → `orders-sync-eu`; a name with no letters or digits gives `flow`. */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents go, their letters stay: `Čeština` → `cestina`
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG)
    .replace(/^-+|-+$/g, '')
  return slug || 'flow'
}

/** A file name (`<slug>.json`) for each flow, by flowId. */
export function flowFileNames(
  flows: ReadonlyArray<{ readonly flowId: string; readonly name?: string }>,
  /** Redacts the step's secrets; an id is redacted before it is cut, so no part of a secret is a name. */
  redact: (text: string) => string = text => text
): Map<string, string> {
  // Sorted by flowId first, so that every later step is independent of the input order.
  const sorted = [...flows].sort((a, b) => (a.flowId < b.flowId ? -1 : a.flowId > b.flowId ? 1 : 0))
  const bases = new Map(sorted.map(flow => [flow.flowId, slugOf(redact(flow.name ?? flow.flowId))]))
  let names = suffixedWhereShared(bases, id => slugOf(redact(id).slice(0, 8)))
  // Rare: `orders` and `orders-1a2b3c4d`, or two ids that share their first 8 characters.
  names = suffixedWhereShared(names, id => slugOf(redact(id)), bases)
  const taken = new Map<string, number>()
  const files = new Map<string, string>()
  for (const [flowId, name] of names) {
    // Last resort (ids that differ only in characters a slug drops): a counter in flowId order.
    const seen = taken.get(name) ?? 0
    taken.set(name, seen + 1)
    files.set(flowId, `${seen === 0 ? name : `${name}-${seen + 1}`}.json`)
  }
  return files
}

/** Each name shared by several flows gets `-<suffix(flowId)>` on its base; the others stay. */
function suffixedWhereShared(
  names: Map<string, string>,
  suffix: (flowId: string) => string,
  bases: Map<string, string> = names
): Map<string, string> {
  const counts = new Map<string, number>()
  for (const name of names.values()) counts.set(name, (counts.get(name) ?? 0) + 1)
  return new Map(
    [...names].map(([flowId, name]) => [flowId, (counts.get(name) ?? 0) > 1 ? `${bases.get(flowId)}-${suffix(flowId)}` : name])
  )
}
