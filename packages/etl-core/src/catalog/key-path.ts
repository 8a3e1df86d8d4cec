/**
 * Key paths: dotted paths into a parent record (`id`, `Id`, `study.id`) that give the value of a
 * fan-out placeholder. They address the record as CC sent it (the staging table's `data`), never
 * the staging table's own columns.
 */

const segmentPattern = /^[A-Za-z_][A-Za-z0-9_]*$/

/** The segments of a key path; throws a clear error for an empty or malformed path. */
export const keyPathSegments = (keyPath: string): ReadonlyArray<string> => {
  const segments = keyPath.split(".")
  if (segments.some((segment) => !segmentPattern.test(segment))) {
    throw new Error(`Invalid key path "${keyPath}": use field names joined by dots, such as "id" or "study.id".`)
  }
  return segments
}

/**
 * Reads a key path from a record; `undefined` when any step is missing.
 *
 * @example
 * ```ts
 * readKeyPath({ id: 7, study: { id: 42 } }, "study.id") // 42
 * ```
 */
export const readKeyPath = (record: unknown, keyPath: string): unknown => {
  let current: unknown = record
  for (const segment of keyPathSegments(keyPath)) {
    if (current === null || typeof current !== "object") return undefined
    current = (current as Record<string, unknown>)[segment]
  }
  return current
}

/**
 * The SQL expression reading a key path as text from a jsonb column, in the notation of the
 * original `parameter_source_column` (field names are validated, so the result is safe to embed).
 *
 * @example
 * ```ts
 * keyPathToSql("id")       // "data->>'id'"
 * keyPathToSql("study.id") // "data->'study'->>'id'"
 * ```
 */
export const keyPathToSql = (keyPath: string, column = "data"): string => {
  const segments = keyPathSegments(keyPath)
  const last = segments[segments.length - 1] as string
  const steps = segments.slice(0, -1).map((segment) => `->'${segment}'`)
  return `${column}${steps.join("")}->>'${last}'`
}
