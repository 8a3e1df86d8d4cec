import type { SchemaDef } from "../spec/types.js"
import { type Expr, ODataSyntaxError, parseFilter } from "./filter.js"

/** Rows per page when `$top` is absent, and the most `$top` may ask for (docs/design.md §3). */
export const DEFAULT_TOP = 50
export const MAX_TOP = 1000

export interface OrderKey {
  readonly path: ReadonlyArray<string>
  readonly descending: boolean
}

/** The OData query options of one list request, validated against the list's schema. */
export interface ListQuery {
  readonly top: number
  readonly skip: number
  readonly count: boolean
  readonly filter: Expr | undefined
  readonly orderBy: ReadonlyArray<OrderKey>
  readonly select: ReadonlyArray<string> | undefined
  /** Canonical text of filter + order, to cache scans of the same question. */
  readonly scanKey: string
}

/** Invalid query options: the HTTP layer answers 400 with this message. */
export class ODataQueryError extends Error {
  override readonly name = "ODataQueryError"
}

const KNOWN_OPTIONS = new Set(["$top", "$skip", "$count", "$filter", "$orderby", "$select", "$expand", "$format"])

const nonNegativeInteger = (name: string, text: string): number => {
  if (!/^\d+$/.test(text.trim())) {
    throw new ODataQueryError(`Invalid ${name} "${text}": it must be a whole number >= 0`)
  }
  return Number.parseInt(text, 10)
}

/** Resolves a property name against the schema (exact, then ignoring case), or explains what exists. */
const propertyOf = (schemaName: string, schema: SchemaDef, name: string, option: string): string => {
  if (schema.props.some(([prop]) => prop === name)) return name
  const match = schema.props.find(([prop]) => prop.toLowerCase() === name.toLowerCase())
  if (match !== undefined) return match[0]
  throw new ODataQueryError(
    `Invalid ${option}: could not find a property named '${name}' on type '${schemaName}'. Properties: ${schema.props.map(([prop]) => prop).join(", ")}`
  )
}

/** The expression with every property path's first name spelled as the schema spells it. */
const withSchemaNames = (expr: Expr, resolve: (name: string) => string): Expr => {
  switch (expr.kind) {
    case "path":
      return { kind: "path", path: [resolve(expr.path[0]!), ...expr.path.slice(1)] }
    case "compare":
    case "logical":
      return { ...expr, left: withSchemaNames(expr.left, resolve), right: withSchemaNames(expr.right, resolve) }
    case "not":
      return { kind: "not", operand: withSchemaNames(expr.operand, resolve) }
    case "call":
      return { kind: "call", name: expr.name, args: expr.args.map((arg) => withSchemaNames(arg, resolve)) }
    default:
      return expr
  }
}

/**
 * Reads `$top`, `$skip`, `$count`, `$filter`, `$orderby` and `$select` (`$expand` and `$format` are
 * accepted and ignored). Unknown `$` options, `$top` above 1000, bad numbers, unparsable filters and
 * unknown properties are {@link ODataQueryError}s with a message that says what to change.
 */
export const parseListQuery = (params: URLSearchParams, schemaName: string, schema: SchemaDef): ListQuery => {
  const options = new Map<string, string>()
  for (const [rawName, value] of params) {
    if (!rawName.startsWith("$")) continue
    const name = rawName.toLowerCase()
    if (!KNOWN_OPTIONS.has(name)) {
      throw new ODataQueryError(`The query option '${rawName}' is not supported. Use ${[...KNOWN_OPTIONS].join(", ")}`)
    }
    options.set(name, value)
  }
  const topText = options.get("$top")
  const top = topText === undefined ? DEFAULT_TOP : nonNegativeInteger("$top", topText)
  if (top > MAX_TOP) {
    throw new ODataQueryError(
      `The limit of '${MAX_TOP}' for Top query has been exceeded. The value from the incoming request is '${top}'. Ask for at most ${MAX_TOP} rows per page and follow NextPageLink or $skip`
    )
  }
  const skipText = options.get("$skip")
  const skip = skipText === undefined ? 0 : nonNegativeInteger("$skip", skipText)
  const countText = options.get("$count")?.toLowerCase()
  if (countText !== undefined && countText !== "true" && countText !== "false") {
    throw new ODataQueryError(`Invalid $count "${options.get("$count")}": use true or false`)
  }

  let filter: Expr | undefined
  const filterText = options.get("$filter")
  if (filterText !== undefined && filterText.trim() !== "") {
    try {
      filter = parseFilter(filterText)
    } catch (error) {
      if (error instanceof ODataSyntaxError)
        throw new ODataQueryError(`Invalid $filter "${filterText}": ${error.message}`)
      throw error
    }
    filter = withSchemaNames(filter, (name) => propertyOf(schemaName, schema, name, "$filter"))
  }

  const orderBy: Array<OrderKey> = []
  const orderText = options.get("$orderby")
  if (orderText !== undefined && orderText.trim() !== "") {
    for (const part of orderText.split(",")) {
      const words = part.trim().split(/\s+/)
      const direction = words[1]?.toLowerCase()
      if (
        words.length > 2 ||
        (direction !== undefined && direction !== "asc" && direction !== "desc") ||
        words[0] === ""
      ) {
        throw new ODataQueryError(`Invalid $orderby "${orderText}": use "property [asc|desc]" separated by commas`)
      }
      const path = words[0]!.split("/")
      path[0] = propertyOf(schemaName, schema, path[0]!, "$orderby")
      orderBy.push({ path, descending: direction === "desc" })
    }
  }

  const selectText = options.get("$select")
  const select =
    selectText === undefined || selectText.trim() === ""
      ? undefined
      : selectText.split(",").map((name) => propertyOf(schemaName, schema, name.trim(), "$select"))

  return {
    top,
    skip,
    count: countText === "true",
    filter,
    orderBy,
    select,
    scanKey: `${filterText ?? ""}|${orderBy.map((key) => `${key.path.join("/")}:${key.descending ? "d" : "a"}`).join(",")}`
  }
}
