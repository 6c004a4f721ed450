/**
 * Independent requests together, a few at a time: the keep-alive agent reuses its connections,
 * and the wall time of a check is that of its slowest request, not the sum of them all.
 */

/** How many requests of one check are in flight at once. */
export const IN_FLIGHT = 4

/** `fn` over every item, at most `limit` at a time; results in the items' order; the first error wins. */
export async function mapConcurrently<T, R>(items: readonly T[], fn: (item: T) => Promise<R>, limit = IN_FLIGHT): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++
      results[index] = await fn(items[index])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
