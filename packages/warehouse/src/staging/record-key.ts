/**
 * Derives a record's key from its table's key strategy. Pure and synchronous: the loader calls it
 * for every record before a batch reaches the database, so a keyless record never half-applies.
 */
import type { KeyStrategy } from "./definition.js"

/** The key, or why there is none. */
export type RecordKeyResult = { readonly key: string } | { readonly missing: string }

const isScalarKey = (value: unknown): value is string | number | boolean =>
  (typeof value === "string" && value !== "") ||
  (typeof value === "number" && Number.isFinite(value)) ||
  typeof value === "boolean"

const flipFirst = (segment: string): string => {
  const first = segment.charAt(0)
  const flipped = first === first.toLowerCase() ? first.toUpperCase() : first.toLowerCase()
  return flipped + segment.slice(1)
}

/** Reads a dotted path; each segment also matches with its first letter's case flipped. */
const readPath = (record: unknown, segments: ReadonlyArray<string>): unknown => {
  let current: unknown = record
  for (const segment of segments) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined
    const object = current as Record<string, unknown>
    const exact = object[segment]
    current = exact === undefined || exact === null ? object[flipFirst(segment)] : exact
  }
  return current
}

// `|` separates parts; escaping it (and the escape character) keeps distinct tuples distinct.
const escapePart = (part: string): string => part.replace(/[\\|]/g, "\\$&")

const describe = (value: unknown): string =>
  value === undefined ? "absent" : value === null ? "null" : Array.isArray(value) ? "an array" : typeof value

interface ParsedField {
  readonly path: string
  readonly segments: ReadonlyArray<string>
  readonly optional: boolean
}

const parsedFields = new WeakMap<object, ReadonlyArray<ParsedField>>()

const parseFields = (strategy: { readonly fields: ReadonlyArray<string> }): ReadonlyArray<ParsedField> => {
  let parsed = parsedFields.get(strategy)
  if (parsed === undefined) {
    parsed = strategy.fields.map((raw) => {
      const optional = raw.endsWith("?")
      const path = optional ? raw.slice(0, -1) : raw
      return { path, segments: path.split("."), optional }
    })
    parsedFields.set(strategy, parsed)
  }
  return parsed
}

/**
 * The key of `record` under `strategy`.
 *
 * @example
 * ```ts
 * recordKey("id", { Id: 7 })                                       // { key: "7" }
 * recordKey({ fields: ["subject.id", "status"] }, { subject: { Id: 3 }, status: "Screened" }) // { key: "3|Screened" }
 * recordKey("value", "Ethnicity")                                  // { key: "Ethnicity" }
 * ```
 */
export const recordKey = (strategy: KeyStrategy, record: unknown): RecordKeyResult => {
  if (strategy === "id") {
    if (record === null || typeof record !== "object" || Array.isArray(record)) {
      return { missing: `expected an object with \`id\` or \`Id\`, got ${describe(record)}` }
    }
    const object = record as Record<string, unknown>
    const id = object.id ?? object.Id
    if (typeof id === "string" && id !== "") return { key: id }
    if (typeof id === "number" && Number.isFinite(id)) return { key: String(id) }
    return { missing: `\`id\` and \`Id\` are ${describe(object.id)} / ${describe(object.Id)}` }
  }
  if (strategy === "value") {
    return isScalarKey(record)
      ? { key: String(record) }
      : { missing: `expected a bare string or number record, got ${describe(record)}` }
  }
  if ("constant" in strategy) {
    return record !== undefined ? { key: strategy.constant } : { missing: "the record is undefined" }
  }
  // defineStagingTable guarantees a required field, so a successful key always has content.
  const parts: string[] = []
  for (const field of parseFields(strategy)) {
    const value = readPath(record, field.segments)
    if (isScalarKey(value)) {
      parts.push(escapePart(String(value)))
    } else if (field.optional && (value === undefined || value === null)) {
      parts.push("")
    } else {
      return { missing: `key field \`${field.path}\` is ${describe(value)}` }
    }
  }
  return { key: parts.join("|") }
}
