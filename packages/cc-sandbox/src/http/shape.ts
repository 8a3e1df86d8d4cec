import type { ListShape } from "../types.js"

/**
 * A page object's JSON text in the configured shape, from records already serialised: the spec's
 * `{Items, NextPageLink, Count}` (all three keys always present, null when empty, as ASP.NET's
 * PageResult serialises), its camelCase twin, or OData's `{value, @odata.nextLink, @odata.count}`
 * (the annotations only when they have a value).
 */
export const pageJson = (
  shape: ListShape,
  records: ReadonlyArray<string>,
  next: string | null,
  count: number | null
): string => {
  const items = `[${records.join(",")}]`
  const link = JSON.stringify(next)
  switch (shape) {
    case "camel":
      return `{"items":${items},"nextPageLink":${link},"count":${count}}`
    case "odata":
      return `{${count === null ? "" : `"@odata.count":${count},`}"value":${items}${next === null ? "" : `,"@odata.nextLink":${link}`}}`
    default:
      return `{"Items":${items},"NextPageLink":${link},"Count":${count}}`
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
