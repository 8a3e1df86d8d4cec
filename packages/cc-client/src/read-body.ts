/**
 * Reading a response body without trusting the server: a size cap checked against
 * `Content-Length` before reading and counted while streaming, and a body-read timeout that does
 * not depend on the fetch implementation settling the read when it is aborted (Node 20's fetch
 * can leave a body read pending forever, e.g. `Content-Encoding: gzip` over a body that is not a
 * complete gzip stream). A body that cannot be decoded is reported as such, not as a network error.
 */

/** What reading a body ended with. */
export type BodyResult =
  | { readonly kind: "text"; readonly text: string }
  /** The body is larger than `maxBytes` (`declared`: said so by `Content-Length`, nothing read). */
  | { readonly kind: "too-large"; readonly limit: number; readonly declared: number | undefined }
  /** No complete body within `timeoutMs` of the headers. */
  | { readonly kind: "body-timeout"; readonly timeoutMs: number; readonly encoding: string | undefined }
  /** The bytes could not be decoded (a `Content-Encoding` the body does not match). */
  | { readonly kind: "undecodable"; readonly encoding: string | undefined; readonly detail: string }
  /** The signal fired while reading. */
  | { readonly kind: "aborted" }
  /** The connection failed while reading. */
  | { readonly kind: "failed"; readonly error: unknown }

export interface BodyLimits {
  /** Decoded bytes allowed. */
  readonly maxBytes: number
  /** Time allowed from the headers to the last byte. */
  readonly timeoutMs: number
  /** Fires when the attempt is aborted (the caller's signal or the attempt's own timeout). */
  readonly signal: AbortSignal
}

const TIMED_OUT = Symbol("timed out")
const ABORTED = Symbol("aborted")

/** zlib (`Z_DATA_ERROR`, `Z_BUF_ERROR`) and brotli (`ERR__ERROR_FORMAT_...`) decoder failures. */
const decoderCode = (error: unknown): string | undefined => {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause
  const code = typeof cause?.code === "string" ? cause.code : undefined
  if (code === undefined) return undefined
  return /^Z_/.test(code) || /^ERR__ERROR_FORMAT/.test(code) || code === "ERR_INVALID_CHAR" ? code : undefined
}

/**
 * Reads `response`'s body as UTF-8 text within the limits.
 *
 * @example
 * ```ts
 * const body = await readBody(response, { maxBytes: 64 * 1024 * 1024, timeoutMs: 30_000, signal })
 * if (body.kind === "text") JSON.parse(body.text)
 * ```
 */
export const readBody = async (response: Response, limits: BodyLimits): Promise<BodyResult> => {
  const encoding = response.headers.get("content-encoding") ?? undefined
  const declaredText = response.headers.get("content-length")
  const declared = declaredText === null ? undefined : Number(declaredText)
  // Content-Length counts the wire bytes; a compressed body only grows when decoded.
  if (declared !== undefined && Number.isFinite(declared) && declared > limits.maxBytes) {
    void response.body?.cancel().catch(() => undefined)
    return { kind: "too-large", limit: limits.maxBytes, declared }
  }
  const body = response.body
  if (body === null) return { kind: "text", text: "" }
  const reader = body.getReader()
  let timer: ReturnType<typeof setTimeout> | undefined
  let onAbort: (() => void) | undefined
  const stop = new Promise<typeof TIMED_OUT | typeof ABORTED>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), limits.timeoutMs)
    onAbort = () => resolve(ABORTED)
    if (limits.signal.aborted) resolve(ABORTED)
    else limits.signal.addEventListener("abort", onAbort, { once: true })
  })
  const chunks: Uint8Array[] = []
  let bytes = 0
  const giveUp = () => void reader.cancel().catch(() => undefined)
  try {
    for (;;) {
      const read = reader.read()
      read.catch(() => undefined)
      const next = await Promise.race([read, stop])
      if (next === TIMED_OUT) {
        giveUp()
        return { kind: "body-timeout", timeoutMs: limits.timeoutMs, encoding }
      }
      if (next === ABORTED) {
        giveUp()
        return { kind: "aborted" }
      }
      if (next.done) break
      bytes += next.value.byteLength
      if (bytes > limits.maxBytes) {
        giveUp()
        return { kind: "too-large", limit: limits.maxBytes, declared: undefined }
      }
      chunks.push(next.value)
    }
    // One decode at the end, as `response.text()` does (a UTF-8 BOM is dropped, like there).
    return { kind: "text", text: new TextDecoder().decode(Buffer.concat(chunks, bytes)) }
  } catch (error) {
    if (limits.signal.aborted) return { kind: "aborted" }
    const code = decoderCode(error)
    if (code !== undefined) return { kind: "undecodable", encoding, detail: code }
    return { kind: "failed", error }
  } finally {
    clearTimeout(timer)
    if (onAbort !== undefined) limits.signal.removeEventListener("abort", onAbort)
  }
}
