/**
 * Endpoint templates: their `{placeholders}` and the shape two templates share when they differ
 * only in placeholder names (`/patients/{patientId}/devices` is the spec's `/patients/{id}/devices`).
 */

const placeholderPattern = /\{([^{}/]+)\}/g

/**
 * The placeholder names of an endpoint template, in order.
 *
 * @example
 * ```ts
 * endpointPlaceholders("/api/v1/studies/{studyId}/subjects/{subjectId}/patient-visits")
 * // ["studyId", "subjectId"]
 * ```
 */
export const endpointPlaceholders = (endpoint: string): ReadonlyArray<string> =>
  [...endpoint.matchAll(placeholderPattern)].map((match) => match[1] as string)

/**
 * The template with every placeholder replaced by `{}`, so templates that differ only in
 * placeholder names compare equal.
 *
 * @example
 * ```ts
 * endpointShape("/api/v1/patients/{patientId}/devices") === endpointShape("/api/v1/patients/{id}/devices") // true
 * ```
 */
export const endpointShape = (endpoint: string): string => endpoint.replace(placeholderPattern, "{}")

/**
 * Fills an endpoint template's placeholders, URI-encoding each value.
 *
 * @throws Error naming the placeholder when a value is missing.
 * @example
 * ```ts
 * fillEndpoint("/api/v1/studies/{studyId}/arms", { studyId: 42 }) // "/api/v1/studies/42/arms"
 * ```
 */
export const fillEndpoint = (endpoint: string, values: Readonly<Record<string, string | number>>): string =>
  endpoint.replace(placeholderPattern, (_, name: string) => {
    const value = values[name]
    if (value === undefined || value === "") {
      throw new Error(`No value for {${name}} in ${endpoint}: pass it in the placeholder values.`)
    }
    return encodeURIComponent(String(value))
  })
