import type { ListShape } from "../types.js"

/**
 * A page object in the configured shape: the spec's `{Items, NextPageLink, Count}` (all three keys
 * always present, null when empty, as ASP.NET's PageResult serialises), its camelCase twin, or
 * OData's `{value, @odata.nextLink, @odata.count}` (the annotations only when they have a value).
 */
export const pageBody = (
  shape: ListShape,
  records: ReadonlyArray<unknown>,
  next: string | null,
  count: number | null
): Record<string, unknown> => {
  switch (shape) {
    case "camel":
      return { items: records, nextPageLink: next, count }
    case "odata": {
      const body: Record<string, unknown> = {}
      if (count !== null) body["@odata.count"] = count
      body.value = records
      if (next !== null) body["@odata.nextLink"] = next
      return body
    }
    default:
      return { Items: records, NextPageLink: next, Count: count }
  }
}

/** The absolute URL of the next page: the same query with `$skip` moved on. */
export const nextPageLink = (selfUrl: string, query: URLSearchParams, nextSkip: number): string => {
  const parts: Array<string> = []
  let hasSkip = false
  for (const [name, value] of query) {
    if (name.toLowerCase() === "$skip") {
      if (!hasSkip) parts.push(`$skip=${nextSkip}`)
      hasSkip = true
    } else parts.push(`${encodeURIComponent(name).replace(/^%24/, "$")}=${encodeURIComponent(value)}`)
  }
  if (!hasSkip) parts.push(`$skip=${nextSkip}`)
  return `${selfUrl}?${parts.join("&")}`
}
