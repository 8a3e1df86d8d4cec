import type { View } from "../data/store.js"
import { compareKeys, matches, sortKey } from "./evaluate.js"
import { referencedProperties } from "./filter.js"
import type { ListQuery } from "./options.js"

/** How the list engine reads records: as JSON text for the page, or only some properties while scanning. */
export interface RecordSource {
  render(index: number, only?: ReadonlySet<string>): Record<string, unknown>
  /** The whole record as JSON text (may come from a cache). */
  json(index: number): string
  /** The id property of the list's schema (`id` or `Id`), if it has one: lists are ordered by it. */
  readonly idProperty: string | undefined
}

export interface ListPage {
  /** The page's records, each as JSON text. */
  readonly records: ReadonlyArray<string>
  /** Records matching the filter (all pages). */
  readonly total: number
  /** `$skip` of the next page, when more records follow. */
  readonly nextSkip: number | undefined
}

const MAX_CACHED_SCANS = 16

/**
 * Answers one OData page from a view. Lists in id order (no filter, `$orderby` absent or on the id)
 * cost O(page size) whatever the `$skip`; a `$filter` or another `$orderby` scans the list once,
 * generating only the properties it reads, and caches the matching positions so the following pages
 * of the same question are O(page size) too. The cache key includes the data version, so a mutation
 * never serves a stale scan.
 */
export class ListEngine {
  private readonly scans = new Map<string, Int32Array>()

  page(view: View, source: RecordSource, query: ListQuery, cacheKey: string, ignoreSkip = false): ListPage {
    const skip = ignoreSkip ? 0 : query.skip
    const byIdOnly =
      query.filter === undefined &&
      (query.orderBy.length === 0 ||
        (query.orderBy.length === 1 &&
          query.orderBy[0]!.path.length === 1 &&
          query.orderBy[0]!.path[0] === source.idProperty))
    let total: number
    let indexAt: (position: number) => number
    if (byIdOnly) {
      total = view.count
      const descending = query.orderBy[0]?.descending === true
      indexAt = descending ? (position) => view.indexAt(total - 1 - position) : (position) => view.indexAt(position)
    } else {
      const positions = this.scan(view, source, query, `${cacheKey}|${query.scanKey}`)
      total = positions.length
      indexAt = (position) => view.indexAt(positions[position]!)
    }
    const end = Math.min(total, skip + query.top)
    const records: Array<string> = []
    for (let position = skip; position < end; position++) {
      const index = indexAt(position)
      records.push(
        query.select === undefined ? source.json(index) : JSON.stringify(project(source.render(index), query.select))
      )
    }
    return { records, total, nextSkip: end < total && records.length > 0 ? end : undefined }
  }

  private scan(view: View, source: RecordSource, query: ListQuery, key: string): Int32Array {
    const cached = this.scans.get(key)
    if (cached !== undefined) return cached
    const only = new Set<string>()
    if (query.filter !== undefined) referencedProperties(query.filter, only)
    for (const order of query.orderBy) only.add(order.path[0]!)
    // Keep positions and sort keys only: a scan of millions of records must not hold the records.
    const kept: Array<number> = []
    const keys: Array<ReadonlyArray<unknown>> = []
    for (let position = 0; position < view.count; position++) {
      const record = source.render(view.indexAt(position), only)
      if (query.filter !== undefined && !matches(query.filter, record)) continue
      kept.push(position)
      if (query.orderBy.length > 0) keys.push(query.orderBy.map((order) => sortKey(order.path, record)))
    }
    let order: Array<number> = kept
    if (query.orderBy.length > 0) {
      const slots = kept.map((_, slot) => slot)
      slots.sort((a, b) => {
        for (let key = 0; key < query.orderBy.length; key++) {
          const result = compareKeys(keys[a]![key], keys[b]![key])
          if (result !== 0) return query.orderBy[key]!.descending ? -result : result
        }
        return kept[a]! - kept[b]!
      })
      order = slots.map((slot) => kept[slot]!)
    }
    const positions = Int32Array.from(order)
    if (this.scans.size >= MAX_CACHED_SCANS) this.scans.delete(this.scans.keys().next().value!)
    this.scans.set(key, positions)
    return positions
  }
}

const project = (record: Record<string, unknown>, select: ReadonlyArray<string>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const name of select) out[name] = record[name]
  return out
}
