/**
 * The list shapes CC may answer with (docs/design.md §3: the live casing is unverified, so all
 * are accepted): a bare array; `{ Items, NextPageLink, Count }` as the spec declares;
 * `{ items, nextPageLink, count }` as the previous client read; OData's
 * `{ value, "@odata.nextLink", "@odata.count" }`.
 */

/** Which shape a list response had. */
export type ListShape = "array" | "pascal" | "camel" | "odata"

export interface ListBody {
  readonly shape: ListShape
  readonly items: ReadonlyArray<unknown>
  readonly nextLink?: string
  readonly count?: number
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined)

const number = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined

const build = (shape: ListShape, items: ReadonlyArray<unknown>, nextLink: unknown, count: unknown): ListBody => {
  const link = text(nextLink)
  const total = number(count)
  return {
    shape,
    items,
    ...(link === undefined ? {} : { nextLink: link }),
    ...(total === undefined ? {} : { count: total })
  }
}

/**
 * Reads a parsed JSON body as a list, or returns a description of what it was instead.
 *
 * @example
 * ```ts
 * readListBody({ Items: [{ Id: 1 }], NextPageLink: null, Count: 1 }) // { shape: "pascal", items: [{ Id: 1 }], count: 1 }
 * readListBody({ foo: 1 }) // "an object with keys foo"
 * ```
 */
export const readListBody = (body: unknown): ListBody | string => {
  if (Array.isArray(body)) return { shape: "array", items: body }
  if (typeof body !== "object" || body === null) return `a JSON ${body === null ? "null" : typeof body}`
  const record = body as Record<string, unknown>
  if (Array.isArray(record.Items)) return build("pascal", record.Items, record.NextPageLink, record.Count)
  if (Array.isArray(record.items)) return build("camel", record.items, record.nextPageLink, record.count)
  if (Array.isArray(record.value))
    return build("odata", record.value, record["@odata.nextLink"], record["@odata.count"])
  const keys = Object.keys(record).slice(0, 8)
  return keys.length === 0 ? "an empty object" : `an object with keys ${keys.join(", ")}`
}
