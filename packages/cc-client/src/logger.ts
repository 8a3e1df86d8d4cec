/**
 * The logger the client reports to, and the scrubbing that keeps the API key out of it.
 * The client never passes the key to a logger on purpose; scrubbing also covers the case where
 * the server echoes it back (in an error body or a next link).
 */

/** Structured fields of a log line. */
export type CcLogFields = Readonly<Record<string, unknown>>

/** Where the client reports retries and request outcomes. Never receives the key. */
export interface CcLogger {
  debug(message: string, fields?: CcLogFields): void
  info(message: string, fields?: CcLogFields): void
  warn(message: string, fields?: CcLogFields): void
  error(message: string, fields?: CcLogFields): void
}

/** Replaces the secret in any text. Keys shorter than 4 characters are not scrubbed (they would mangle text). */
export type Scrub = (text: string) => string

export const REDACTED = "[redacted]"

const escapeRegExp = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")

/** `%2F`, `%2f` and double-encoded `%252F` for one byte. */
const percentByte = (byte: number): string => {
  const hex = byte.toString(16).padStart(2, "0")
  return `%(?:25)?${hex}`
}

/**
 * Every way one character of the key may come back: itself, percent-encoded (any hex case, once
 * or twice), as a JSON `\uXXXX` escape, `\/` for a slash, `+` for a space (form encoding).
 */
const charPattern = (char: string): string => {
  const bytes = Array.from(new TextEncoder().encode(char), percentByte).join("")
  const options = [escapeRegExp(char), bytes]
  const code = char.codePointAt(0) ?? 0
  if (code <= 0xffff) options.push(`\\u${code.toString(16).padStart(4, "0")}`)
  if (char === "/") options.push("\\\\/")
  if (char === " ") options.push("\\+")
  return `(?:${options.join("|")})`
}

const base64Forms = (secret: string): string[] => {
  const standard = Buffer.from(secret, "utf8").toString("base64")
  const unpadded = standard.replace(/=+$/, "")
  const url = unpadded.replaceAll("+", "-").replaceAll("/", "_")
  return [standard, unpadded, url].map(escapeRegExp)
}

/**
 * A scrubber for one secret. It masks the key however the server (or a URL) may have encoded it:
 * raw, `encodeURIComponent`/`encodeURI`, percent-encoding with upper- or lower-case hex (also
 * double-encoded, and mixed with raw characters), form encoding (`+` for spaces), JSON `\uXXXX`
 * and `\/` escapes, and base64 (standard, unpadded, URL-safe). Matching is case-insensitive, so
 * an echo in another case is masked too.
 *
 * @example
 * ```ts
 * const scrub = makeScrub("sbx_01/23456789")
 * scrub("key sbx_01%2f23456789 rejected") // "key [redacted] rejected"
 * makeScrub("sbx_01/23456789", "***")("sbx_01/23456789") // "***"
 * ```
 */
export const makeScrub = (secret: string, replacement: string = REDACTED): Scrub => {
  if (secret.length < 4) return (text) => text
  const chars = Array.from(secret, charPattern).join("")
  const pattern = new RegExp(`${base64Forms(secret).join("|")}|${chars}`, "giu")
  return (text) => text.replace(pattern, replacement)
}

/** Log levels, least severe first. `LOG_LEVEL` names the least severe one passed on. */
export type CcLogLevel = "debug" | "info" | "warn" | "error"

const RANK: { readonly [Level in CcLogLevel]: number } = { debug: 0, info: 1, warn: 2, error: 3 }

/** True for the four level names (the values `LOG_LEVEL` may take). */
export const isLogLevel = (value: unknown): value is CcLogLevel =>
  typeof value === "string" && Object.hasOwn(RANK, value)

const scrubValue = (value: unknown, scrub: Scrub): unknown => (typeof value === "string" ? scrub(value) : value)

/**
 * Wraps a caller's logger so every message and string field is scrubbed and lines below `level`
 * are dropped; `undefined` in, `undefined` out (the client then skips building log lines at all).
 */
export const safeLogger = (
  logger: CcLogger | undefined,
  scrub: Scrub,
  level: CcLogLevel = "info"
): CcLogger | undefined => {
  if (logger === undefined) return undefined
  const least = RANK[level]
  const wrap =
    (at: keyof CcLogger) =>
    (message: string, fields?: CcLogFields): void => {
      if (RANK[at] < least) return
      const clean =
        fields === undefined
          ? undefined
          : Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, scrubValue(value, scrub)]))
      logger[at](scrub(message), clean)
    }
  return { debug: wrap("debug"), info: wrap("info"), warn: wrap("warn"), error: wrap("error") }
}

/**
 * A logger writing one JSON line per call (`{ level, time, message, ...fields }`) to `write`
 * (default: stderr). The client filters by its `logLevel`, so this one passes everything on.
 *
 * @example
 * ```ts
 * const client = createCcClient({ baseUrl, apiKey, logger: createJsonLineLogger(), logLevel: "debug" })
 * ```
 */
export const createJsonLineLogger = (
  write: (line: string) => void = (line) => void process.stderr.write(line)
): CcLogger => {
  const at =
    (level: CcLogLevel) =>
    (message: string, fields?: CcLogFields): void =>
      write(`${JSON.stringify({ level, time: new Date().toISOString(), message, ...fields })}\n`)
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") }
}
