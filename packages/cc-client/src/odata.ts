/**
 * A typed, composable builder for OData `$filter` expressions and query options.
 * Values are rendered as OData literals: strings quoted with single quotes doubled, dates as
 * unquoted ISO-8601 DateTimeOffset with `Z`, numbers and booleans bare, `null` as `null`.
 * Field names are checked, so neither a field nor a value can inject OData syntax.
 */
import { InvalidQuery } from "./errors.js"

/** The largest page the server serves; `$top` above it is refused before any request. */
export const MAX_PAGE_SIZE = 1000

/** A `$filter` expression. Render with `String(filter)` or pass it as `query.$filter`. */
export interface ODataFilter {
  readonly _tag: "ODataFilter"
  readonly text: string
  /** True for `and`/`or` expressions, which need parentheses inside another expression. */
  readonly compound: boolean
  toString(): string
}

/** An already-rendered literal (see `odata.dateTime`, `odata.guid`). */
export interface ODataLiteral {
  readonly _tag: "ODataLiteral"
  readonly text: string
}

/** The query options of an `/odata` GET, with `$filter` as a string or a built expression. */
export interface ODataQuery {
  readonly $filter?: string | ODataFilter
  readonly $top?: number
  readonly $skip?: number
  readonly $orderby?: string
  readonly $count?: boolean
  readonly $select?: string | ReadonlyArray<string>
  readonly $expand?: string | ReadonlyArray<string>
}

type Primitive = string | number | boolean | Date | ODataLiteral

/** The values a field of type `V` can be compared with (dates: CC types them as strings). */
export type ODataValueFor<V> = [NonNullable<V>] extends [string]
  ? string | Date | ODataLiteral
  : [NonNullable<V>] extends [number]
    ? number | ODataLiteral
    : [NonNullable<V>] extends [boolean]
      ? boolean | ODataLiteral
      : Primitive

/** The field names of `T` (any string when `T` is untyped). */
export type ODataField<T> = string extends keyof T ? string : Extract<keyof T, string>

/** The string-valued field names of `T`, for `contains`/`startswith`. */
export type ODataStringField<T> = string extends keyof T
  ? string
  : { [K in Extract<keyof T, string>]: [NonNullable<T[K]>] extends [string] ? K : never }[Extract<keyof T, string>]

/** Builds filters over the fields of `T` (a generated schema type, e.g. `StudyViewModel`). */
export interface ODataFilterBuilder<T> {
  eq<K extends ODataField<T>>(field: K, value: ODataValueFor<T[K & keyof T]> | null): ODataFilter
  ne<K extends ODataField<T>>(field: K, value: ODataValueFor<T[K & keyof T]> | null): ODataFilter
  gt<K extends ODataField<T>>(field: K, value: ODataValueFor<T[K & keyof T]>): ODataFilter
  ge<K extends ODataField<T>>(field: K, value: ODataValueFor<T[K & keyof T]>): ODataFilter
  lt<K extends ODataField<T>>(field: K, value: ODataValueFor<T[K & keyof T]>): ODataFilter
  le<K extends ODataField<T>>(field: K, value: ODataValueFor<T[K & keyof T]>): ODataFilter
  contains<K extends ODataStringField<T>>(field: K, text: string): ODataFilter
  startswith<K extends ODataStringField<T>>(field: K, text: string): ODataFilter
  and(first: ODataFilter, ...rest: ReadonlyArray<ODataFilter>): ODataFilter
  or(first: ODataFilter, ...rest: ReadonlyArray<ODataFilter>): ODataFilter
  not(filter: ODataFilter): ODataFilter
  /** `field asc|desc`, for `$orderby`. */
  orderby<K extends ODataField<T>>(field: K, direction?: "asc" | "desc"): string
}

const invalid = (problem: string): InvalidQuery => new InvalidQuery({ method: "OData", path: "$filter", problem })

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/

const field = (name: string): string => {
  if (!FIELD.test(name)) {
    throw invalid(`${JSON.stringify(name)} is not an OData property name (letters, digits, _ and / for navigation).`)
  }
  return name
}

const isLiteral = (value: unknown): value is ODataLiteral =>
  typeof value === "object" && value !== null && (value as ODataLiteral)._tag === "ODataLiteral"

/** `2025-01-02T03:04:05Z`: whole seconds print without `.000`, as CC and the sandbox expect. */
const formatDate = (date: Date): string => {
  if (Number.isNaN(date.getTime())) throw invalid("an invalid Date cannot be compared; check the date value.")
  return date.toISOString().replace(".000Z", "Z")
}

/**
 * Renders one value as an OData literal.
 *
 * @example
 * ```ts
 * literal("O'Brien") // "'O''Brien'"
 * literal(new Date("2025-01-02T03:04:05Z")) // "2025-01-02T03:04:05Z"
 * ```
 */
export const literal = (value: Primitive | null): string => {
  if (value === null) return "null"
  if (isLiteral(value)) return value.text
  if (value instanceof Date) return formatDate(value)
  switch (typeof value) {
    case "string":
      return `'${value.replaceAll("'", "''")}'`
    case "number":
      if (!Number.isFinite(value)) throw invalid(`${value} is not a number OData can compare; pass a finite number.`)
      return String(value)
    case "boolean":
      return value ? "true" : "false"
    default:
      throw invalid(`cannot compare with a value of type ${typeof value}.`)
  }
}

const make = (text: string, compound = false): ODataFilter => ({
  _tag: "ODataFilter",
  text,
  compound,
  toString: () => text
})

const operand = (filter: ODataFilter): string => (filter.compound ? `(${filter.text})` : filter.text)

const join = (operator: "and" | "or", filters: ReadonlyArray<ODataFilter>): ODataFilter => {
  const first = filters[0]
  if (first === undefined) throw invalid(`${operator} needs at least one expression.`)
  if (filters.length === 1) return first
  return make(filters.map(operand).join(` ${operator} `), true)
}

const compare =
  (operator: string) =>
  (name: string, value: Primitive | null): ODataFilter =>
    make(`${field(name)} ${operator} ${literal(value)}`)

const call =
  (fn: "contains" | "startswith") =>
  (name: string, text: string): ODataFilter => {
    if (typeof text !== "string") throw invalid(`${fn} needs a string to look for.`)
    return make(`${fn}(${field(name)},${literal(text)})`)
  }

const builder: ODataFilterBuilder<Record<string, unknown>> = {
  eq: compare("eq"),
  ne: compare("ne"),
  gt: compare("gt"),
  ge: compare("ge"),
  lt: compare("lt"),
  le: compare("le"),
  contains: call("contains"),
  startswith: call("startswith"),
  and: (first, ...rest) => join("and", [first, ...rest]),
  or: (first, ...rest) => join("or", [first, ...rest]),
  not: (filter) => make(`not ${filter.compound ? `(${filter.text})` : filter.text}`),
  orderby: (name, direction = "asc") => {
    if (direction !== "asc" && direction !== "desc") throw invalid(`order direction must be asc or desc.`)
    return `${field(name)} ${direction}`
  }
}

/** Checks the paging options shared by every entry point; returns `$top` as a number or undefined. */
export const checkTop = (top: unknown, where: { method: string; path: string }): number | undefined => {
  if (top === undefined) return undefined
  const value = Number(top)
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new InvalidQuery({
      ...where,
      problem: `$top=${String(top)} is outside 1..${MAX_PAGE_SIZE} (the server's largest page); ask for at most ${MAX_PAGE_SIZE} rows per page and page through the rest.`
    })
  }
  return value
}

/**
 * The OData builder.
 *
 * @example
 * ```ts
 * import { odata, type StudyViewModel } from "@trialsync/cc-client"
 * const f = odata.for<StudyViewModel>()
 * const filter = f.and(f.gt("lastUpdatedOn", new Date("2025-01-01T00:00:00Z")), f.contains("name", "O'Brien"))
 * String(filter) // "lastUpdatedOn gt 2025-01-01T00:00:00Z and contains(name,'O''Brien')"
 * const query = odata.query({ $filter: filter, $orderby: f.orderby("id"), $top: 1000 })
 * ```
 */
export const odata = {
  ...builder,
  /** The same builder, with field names and value types checked against `T`. */
  for: <T>(): ODataFilterBuilder<T> => builder as unknown as ODataFilterBuilder<T>,
  /** A DateTimeOffset literal from a Date or an ISO string. */
  dateTime: (value: Date | string): ODataLiteral => ({
    _tag: "ODataLiteral",
    text: formatDate(value instanceof Date ? value : new Date(value))
  }),
  /** A Guid literal (unquoted), e.g. for `Uid` fields. */
  guid: (value: string): ODataLiteral => {
    if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(value)) {
      throw invalid(`${JSON.stringify(value)} is not a GUID.`)
    }
    return { _tag: "ODataLiteral", text: value }
  },
  /** Passes a hand-written expression through unchanged (you own its escaping). */
  raw: (text: string): ODataFilter => make(text, true),
  literal,
  /** Checks query options (e.g. `$top` at most 1000) and returns them unchanged. */
  query: <Q extends ODataQuery>(query: Q): Q => {
    checkTop(query.$top, { method: "OData", path: "$top" })
    if (query.$skip !== undefined && !(Number.isInteger(query.$skip) && query.$skip >= 0)) {
      throw new InvalidQuery({
        method: "OData",
        path: "$skip",
        problem: `$skip=${query.$skip} must be a whole number >= 0.`
      })
    }
    return query
  }
}

/** True for filters built with `odata`. */
export const isODataFilter = (value: unknown): value is ODataFilter =>
  typeof value === "object" && value !== null && (value as ODataFilter)._tag === "ODataFilter"
