import { BadResponse } from "./errors.js"
import { parseJsonText } from "./json-text.js"

/**
 * Parses a response body, or throws `BadResponse` saying what came instead (an empty body, or the
 * first characters of something that is not JSON, such as a login page's HTML). Integers beyond
 * `Number.MAX_SAFE_INTEGER` come back as exact decimal strings (json-text.ts).
 *
 * @example
 * ```ts
 * parseJsonBody('{"a":1}', { method: "GET", path: "/api/v1/x", attempts: 1, status: 200 }, (t) => t, "a JSON object")
 * ```
 */
export const parseJsonBody = (
  text: string,
  where: { readonly method: string; readonly path: string; readonly attempts: number; readonly status: number },
  scrub: (text: string) => string,
  expected: string
): unknown => {
  if (text.trim() === "") throw new BadResponse({ ...where, reason: `an empty body where ${expected} was expected` })
  try {
    return parseJsonText(text)
  } catch {
    // Scrubbed before it is cut: a cut key would no longer be recognised.
    const start = scrub(text.trim().slice(0, 400)).slice(0, 40).replace(/\s+/g, " ")
    throw new BadResponse({ ...where, reason: `a body that is not JSON (it starts with ${JSON.stringify(start)})` })
  }
}
