/**
 * URLs the client sends: path templates filled with encoded parameters, OData query options
 * with their `$` kept literal, everything appended to the base URL (which may carry a site path,
 * e.g. `https://host/CCSWEB`).
 */
import { InvalidQuery } from "./errors.js"
import { isODataFilter, type ODataFilter } from "./odata.js"

/** A query parameter value the client knows how to send. */
export type QueryValue = string | number | boolean | Date | ODataFilter | ReadonlyArray<string> | null | undefined

const PLACEHOLDER = /\{([^}]+)\}/g

/**
 * Fills a path template's placeholders. Missing or unknown parameters are an `InvalidQuery`.
 *
 * @example
 * ```ts
 * resolvePath("/api/v1/studies/{studyId}/subjects/odata", { studyId: 42 }) // "/api/v1/studies/42/subjects/odata"
 * ```
 */
export const resolvePath = (template: string, params: Readonly<Record<string, unknown>> | undefined): string => {
  if (!template.startsWith("/")) {
    throw new InvalidQuery({
      method: "GET",
      path: template,
      problem: "the path must start with / and be relative to the base URL, e.g. /api/v1/studies/odata."
    })
  }
  const used = new Set<string>()
  const path = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = params?.[name]
    if (value === undefined || value === null || value === "") {
      throw new InvalidQuery({
        method: "GET",
        path: template,
        problem: `path parameter {${name}} is missing; pass params: { ${name}: ... }.`
      })
    }
    if (typeof value !== "string" && typeof value !== "number") {
      throw new InvalidQuery({
        method: "GET",
        path: template,
        problem: `path parameter {${name}} must be a string or a number.`
      })
    }
    used.add(name)
    return encodeURIComponent(String(value))
  })
  const unknown = Object.keys(params ?? {}).filter((name) => !used.has(name) && params?.[name] !== undefined)
  if (unknown.length > 0) {
    throw new InvalidQuery({
      method: "GET",
      path: template,
      problem: `unknown path parameter${unknown.length === 1 ? "" : "s"} ${unknown.join(", ")}; the template has ${
        used.size === 0 ? "none" : Array.from(used, (name) => `{${name}}`).join(", ")
      }.`
    })
  }
  return path
}

const renderValue = (value: Exclude<QueryValue, null | undefined>): string => {
  if (isODataFilter(value)) return value.text
  if (value instanceof Date) return value.toISOString()
  if (Array.isArray(value)) return value.join(",")
  return String(value)
}

/** Query keys keep `$` readable (`$top`, not `%24top`); everything else is percent-encoded. */
const encodeKey = (key: string): string => encodeURIComponent(key).replaceAll("%24", "$")

/**
 * Serializes query parameters in the order given; `undefined` and `null` are left out.
 *
 * @example
 * ```ts
 * serializeQuery({ $filter: "Name eq 'a b'", $top: 10 }) // "$filter=Name%20eq%20'a%20b'&$top=10"
 * ```
 */
export const serializeQuery = (query: Readonly<Record<string, QueryValue>> | undefined): string => {
  if (query === undefined) return ""
  const parts: string[] = []
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue
    parts.push(`${encodeKey(key)}=${encodeURIComponent(renderValue(value))}`)
  }
  return parts.join("&")
}

/** Parses and normalizes the base URL: http(s) only, no trailing slash, no query or fragment. */
export const parseBaseUrl = (baseUrl: string): URL | undefined => {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    return undefined
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") return undefined
  url.pathname = url.pathname.replace(/\/+$/, "")
  return url
}

/** The absolute URL of an API path (already resolved) with an optional query string. */
export const apiUrl = (baseUrl: URL, path: string, queryString: string): URL => {
  const base = baseUrl.href.replace(/\/+$/, "")
  return new URL(`${base}${path}${queryString === "" ? "" : `?${queryString}`}`)
}
