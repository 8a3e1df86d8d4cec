import type { CompareOp, Expr, Literal } from "./filter.js"

type Value = string | number | boolean | null | undefined | object

const literalValue = (literal: Literal): Value => {
  switch (literal.kind) {
    case "null":
      return null
    case "date":
      return new Date(literal.value)
    default:
      return literal.value
  }
}

const read = (record: Readonly<Record<string, unknown>>, path: ReadonlyArray<string>): Value => {
  let current: unknown = record
  for (const segment of path) {
    if (current === null || typeof current !== "object") return null
    const object = current as Record<string, unknown>
    if (segment in object) current = object[segment]
    else {
      const lower = segment.toLowerCase()
      const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower)
      current = key === undefined ? null : object[key]
    }
  }
  return current as Value
}

const value = (expr: Expr, record: Readonly<Record<string, unknown>>): Value => {
  switch (expr.kind) {
    case "literal":
      return literalValue(expr.literal)
    case "path":
      return read(record, expr.path)
    case "call": {
      const args = expr.args.map((arg) => value(arg, record))
      const text = (at: number): string | undefined => (typeof args[at] === "string" ? (args[at] as string) : undefined)
      switch (expr.name) {
        case "tolower":
          return text(0)?.toLowerCase() ?? null
        case "toupper":
          return text(0)?.toUpperCase() ?? null
        case "contains":
          return text(0) !== undefined && text(1) !== undefined ? text(0)!.includes(text(1)!) : false
        case "startswith":
          return text(0) !== undefined && text(1) !== undefined ? text(0)!.startsWith(text(1)!) : false
        case "endswith":
          return text(0) !== undefined && text(1) !== undefined ? text(0)!.endsWith(text(1)!) : false
        default:
          return null
      }
    }
    default:
      return matches(expr, record)
  }
}

/** Both sides as comparable primitives: dates compare as instants, GUID-like strings without case. */
const comparable = (left: Value, right: Value): [unknown, unknown] => {
  if (left instanceof Date || right instanceof Date) {
    const toMs = (side: Value): unknown =>
      side instanceof Date ? side.getTime() : typeof side === "string" ? Date.parse(side) : side
    return [toMs(left), toMs(right)]
  }
  if (typeof left === "string" && typeof right === "string" && left.length === 36 && right.length === 36) {
    return [left.toLowerCase(), right.toLowerCase()]
  }
  return [left, right]
}

const compare = (op: CompareOp, leftValue: Value, rightValue: Value): boolean => {
  const [left, right] = comparable(leftValue ?? null, rightValue ?? null)
  if (op === "eq") return left === right
  if (op === "ne") return left !== right
  if (left === null || right === null || typeof left !== typeof right) return false
  if (typeof left === "number" && Number.isNaN(left)) return false
  const l = left as number | string
  const r = right as number | string
  switch (op) {
    case "gt":
      return l > r
    case "ge":
      return l >= r
    case "lt":
      return l < r
    default:
      return l <= r
  }
}

/** Whether a record satisfies a `$filter` expression. */
export const matches = (expr: Expr, record: Readonly<Record<string, unknown>>): boolean => {
  switch (expr.kind) {
    case "logical":
      return expr.op === "and"
        ? matches(expr.left, record) && matches(expr.right, record)
        : matches(expr.left, record) || matches(expr.right, record)
    case "not":
      return !matches(expr.operand, record)
    case "compare":
      return compare(expr.op, value(expr.left, record), value(expr.right, record))
    default:
      return value(expr, record) === true
  }
}

/** The value a record sorts by on a property path (null when absent). */
export const sortKey = (path: ReadonlyArray<string>, record: Readonly<Record<string, unknown>>): unknown =>
  read(record, path) ?? null

/** Orders sort keys: nulls first ascending, numbers numerically, the rest as text (ISO dates sort as text). */
export const compareKeys = (left: unknown, right: unknown): number => {
  if (left === right) return 0
  if (left === null || left === undefined) return -1
  if (right === null || right === undefined) return 1
  if (typeof left === "number" && typeof right === "number") return left - right
  return String(left) < String(right) ? -1 : 1
}
