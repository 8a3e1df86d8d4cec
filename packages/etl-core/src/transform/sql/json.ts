/**
 * SQL expressions that read a staging record (`<alias>.data`, the record as CC sent it) with
 * CC's mixed casing (`id`/`Id`, `subject.Id`): every path segment also matches with its first
 * letter's case flipped, the same rule the loader's key paths follow. The spelling written
 * first wins when both exist.
 *
 * Casts are guarded, so one malformed value becomes NULL (and shows up in the data-quality
 * checks) instead of failing the whole transform.
 */

const segmentPattern = /^[A-Za-z_][A-Za-z0-9_]*$/

const flipFirst = (segment: string): string => {
  const first = segment.charAt(0)
  const flipped = first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase()
  return flipped + segment.slice(1)
}

/** Every spelling of a dotted path, the written one first. */
export const pathSpellings = (path: string): ReadonlyArray<ReadonlyArray<string>> => {
  const segments = path.split(".")
  for (const segment of segments) {
    if (!segmentPattern.test(segment))
      throw new Error(`Invalid JSON path segment ${JSON.stringify(segment)} in ${path}`)
  }
  return segments.reduce<ReadonlyArray<ReadonlyArray<string>>>(
    (spellings, segment) => {
      const variants = [...new Set([segment, flipFirst(segment)])]
      return spellings.flatMap((prefix) => variants.map((variant) => [...prefix, variant]))
    },
    [[]]
  )
}

const access = (base: string, segments: ReadonlyArray<string>, asText: boolean): string =>
  segments.reduce(
    (expression, segment, index) =>
      `${expression}${asText && index === segments.length - 1 ? "->>" : "->"}'${segment}'`,
    base
  )

const coalesced = (base: string, path: string, asText: boolean): string => {
  const expressions = pathSpellings(path).map((segments) => access(base, segments, asText))
  return expressions.length === 1 ? expressions[0]! : `coalesce(${expressions.join(", ")})`
}

/** The value at `path` of the jsonb expression `base`, as text. */
export const jsonTextIn = (base: string, path: string): string => coalesced(base, path, true)

/** The value at `path` of the staging row `alias`'s record as text (`->>`), NULL when absent. */
export const jsonText = (path: string, alias = "s"): string => coalesced(`${alias}.data`, path, true)

/** The value at `path` of the staging row `alias`'s record as jsonb (`->`), NULL when absent. */
export const jsonValue = (path: string, alias = "s"): string => coalesced(`${alias}.data`, path, false)

/** A text expression as bigint when it is a canonical integer (no leading zeros), else NULL. */
export const asBusinessKey = (text: string): string =>
  `CASE WHEN ${text} ~ '^(0|-?[1-9][0-9]{0,17})$' THEN (${text})::bigint END`

/** A text expression as bigint when it is an integer, else NULL. */
export const asBigint = (text: string): string => `CASE WHEN ${text} ~ '^-?[0-9]{1,18}$' THEN (${text})::bigint END`

/** A text expression as int when it is an integer of up to 9 digits, else NULL. */
export const asInteger = (text: string): string => `CASE WHEN ${text} ~ '^-?[0-9]{1,9}$' THEN (${text})::int END`

// Year 1000-9999, month 01-12, day 01-31, hour 00-23, offset up to +-15:59: what PostgreSQL
// accepts. Days 29-31 are then checked against the month's length, so no value can make the
// cast throw and fail the whole transformation.
const timestampPattern =
  "^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,6})?)?)?(Z|[+-](0[0-9]|1[0-5])(:?[0-5][0-9])?)?$"

/** A text expression as timestamptz when it is a valid ISO 8601 date or date-time, else NULL. */
export const asTimestamp = (text: string): string => {
  const day = `substr(${text}, 9, 2)`
  const monthLength = `extract(day FROM make_date(substr(${text}, 1, 4)::int, substr(${text}, 6, 2)::int, 1) + interval '1 month - 1 day')`
  return `CASE WHEN ${text} ~ '${timestampPattern}' AND (${day} <= '28' OR ${day}::int <= ${monthLength}) THEN (${text})::timestamptz END`
}

/** A jsonb expression as numeric when it is a JSON number, else NULL. */
export const asNumeric = (json: string): string =>
  `CASE WHEN jsonb_typeof(${json}) = 'number' THEN (${json})::numeric END`

/** A jsonb expression as an amount (2 decimals) when it is a JSON number below 10^12, else NULL. */
export const asAmount = (json: string): string =>
  `CASE WHEN jsonb_typeof(${json}) = 'number' AND abs((${json})::numeric) < 1e12 THEN round((${json})::numeric, 2) END`

/** A jsonb expression as boolean when it is a JSON boolean, else NULL. */
export const asBoolean = (json: string): string =>
  `CASE WHEN jsonb_typeof(${json}) = 'boolean' THEN (${json})::boolean END`

/** Readers for the common shapes, by path. */
export const field = {
  text: (path: string, alias = "s") => jsonText(path, alias),
  id: (path: string, alias = "s") => asBigint(jsonText(path, alias)),
  integer: (path: string, alias = "s") => asInteger(jsonText(path, alias)),
  timestamp: (path: string, alias = "s") => asTimestamp(jsonText(path, alias)),
  numeric: (path: string, alias = "s") => asNumeric(jsonValue(path, alias)),
  amount: (path: string, alias = "s") => asAmount(jsonValue(path, alias)),
  boolean: (path: string, alias = "s") => asBoolean(jsonValue(path, alias))
}

/** The YYYYMMDD key of `dim_date` for a timestamptz (UTC: the transform sets TimeZone). */
export const dateKey = (timestamp: string): string => `to_char(${timestamp}, 'YYYYMMDD')::int`

/** md5 of the text form of a row of expressions: the change detector of every Silver table. */
export const rowHash = (expressions: ReadonlyArray<string>): string => `md5(row(${expressions.join(", ")})::text)`
