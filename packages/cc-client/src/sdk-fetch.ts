/**
 * The `fetch` the generated ky client calls: it hands every SDK request to our transport (shared
 * limiter, key header, retries, typed errors) and gives ky a plain Response back. HTTP errors never
 * reach ky as responses; they are thrown as `CcError`s, which ky and the generated client pass on.
 */
import { BadResponse, InvalidQuery } from "./errors.js"
import { quoteUnsafeIntegers } from "./json-text.js"
import type { Transport } from "./transport.js"

const NULL_BODY_STATUS = new Set([101, 204, 205, 304])

/** Headers that described the wire body, not the decoded text we hand back. */
const WIRE_HEADERS = new Set(["content-encoding", "content-length", "transfer-encoding"])

/** JSON, text, or unlabelled: what a CC answer should be. Binary downloads pass through untouched. */
const shouldBeJson = (contentType: string | null): boolean => {
  if (contentType === null) return true
  const type = (contentType.split(";")[0] ?? "").trim().toLowerCase()
  return type === "" || type.startsWith("text/") || /[/+]json$/.test(type)
}

/**
 * @example
 * ```ts
 * const fetch = sdkFetch(transport, baseUrl)
 * createClient({ baseUrl: baseUrl.href, kyOptions: { fetch, retry: 0, timeout: false } })
 * ```
 */
export const sdkFetch =
  (transport: Transport, baseUrl: URL) =>
  async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init)
    const url = new URL(request.url)
    if (url.origin !== baseUrl.origin) {
      throw new InvalidQuery({
        method: request.method,
        path: url.pathname,
        problem: `the URL is not on the client's base URL origin (${baseUrl.origin}); the key is only sent there.`
      })
    }
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer())
    const contentType = request.headers.get("content-type") ?? undefined
    const response = await transport.send({
      method: request.method,
      url,
      ...(body === undefined ? {} : { body }),
      ...(contentType === undefined || body === undefined ? {} : { contentType }),
      signal: request.signal
    })
    // The generated client would throw a bare SyntaxError (or hand back a string typed as an
    // object) for a body that is not JSON; name the problem instead. Costs one extra parse per SDK call.
    const validated = shouldBeJson(response.headers.get("content-type")) && response.text.trim() !== ""
    // Integers beyond 2^53 are handed to the generated client quoted, so they arrive exact (as strings).
    const text = validated ? quoteUnsafeIntegers(response.text) : response.text
    if (validated) {
      try {
        JSON.parse(text)
      } catch {
        throw new BadResponse({
          method: request.method,
          path: transport.apiPath(url),
          attempts: response.attempts,
          status: response.status,
          reason: `a body that is not JSON (it starts with ${JSON.stringify(transport.scrub(response.text.trim().slice(0, 400)).slice(0, 40))})`
        })
      }
    }
    const headers = new Headers()
    response.headers.forEach((value, key) => {
      if (!WIRE_HEADERS.has(key)) headers.set(key, value)
    })
    if (validated) headers.set("content-type", "application/json")
    return new Response(NULL_BODY_STATUS.has(response.status) ? null : text, {
      status: response.status,
      headers
    })
  }
