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

/**
 * A scrubber for one secret.
 *
 * @example
 * ```ts
 * const scrub = makeScrub("sbx_0123456789")
 * scrub("key sbx_0123456789 rejected") // "key [redacted] rejected"
 * ```
 */
export const makeScrub = (secret: string): Scrub =>
  secret.length < 4 ? (text) => text : (text) => (text.includes(secret) ? text.split(secret).join(REDACTED) : text)

const scrubValue = (value: unknown, scrub: Scrub): unknown => (typeof value === "string" ? scrub(value) : value)

/**
 * Wraps a caller's logger so every message and string field is scrubbed; `undefined` in, `undefined` out
 * (the client then skips building log lines at all).
 */
export const safeLogger = (logger: CcLogger | undefined, scrub: Scrub): CcLogger | undefined => {
  if (logger === undefined) return undefined
  const wrap =
    (level: keyof CcLogger) =>
    (message: string, fields?: CcLogFields): void => {
      const clean =
        fields === undefined
          ? undefined
          : Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, scrubValue(value, scrub)]))
      logger[level](scrub(message), clean)
    }
  return { debug: wrap("debug"), info: wrap("info"), warn: wrap("warn"), error: wrap("error") }
}
