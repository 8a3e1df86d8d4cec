/**
 * Text PostgreSQL cannot store, stored losslessly. `jsonb` (and `text`) refuse U+0000, and `jsonb`
 * refuses a lone UTF-16 surrogate (JSON.stringify writes one as `\udXXX`); either used to fail the
 * whole batch. Such a string is stored encoded, and only such a string:
 *
 * - a string is encoded when it contains U+0000 or a lone surrogate, or starts with the marker
 *   U+E000 (a private-use character, so the marker itself stays unambiguous);
 * - encoded: the marker U+E000, then the string with `\` written as `\\`, U+0000 as the six
 *   characters `\u0000`, and each lone surrogate as `\u` and its four lowercase hex digits;
 * - every other string (almost all of them) is stored exactly as received.
 *
 * Decoding (`decodeStoredText`): a string that does not start with U+E000 is as received;
 * otherwise drop the marker and replace, left to right, `\\` by `\` and `\uXXXX` by that code
 * unit. In a record, object keys are encoded the same way as string values.
 */

/** The first character of every encoded string. */
export const storedTextMarker = "\ue000"

/** U+0000, or a surrogate that is not half of a pair (regexes without the `u` flag see code units). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what must be found
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what must be escaped
const toEscape = /\\|\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
const escaped = /\\(\\|u[0-9a-f]{4})/g

const escapeOne = (char: string): string =>
  char === "\\" ? "\\\\" : `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`

/** Whether `text` must be encoded to be stored (see the module comment). */
export const needsEncoding = (text: string): boolean => text.startsWith(storedTextMarker) || unstorable.test(text)

/** `text` as stored: unchanged unless it needs encoding (see the module comment). */
export const encodeStoredText = (text: string): string =>
  needsEncoding(text) ? storedTextMarker + text.replace(toEscape, escapeOne) : text

/**
 * The original string of a stored one: the inverse of the warehouse's encoding of strings holding
 * U+0000 or lone surrogates (README, "Text PostgreSQL cannot store").
 *
 * @example
 * ```ts
 * const [row] = await warehouse.query<{ data: { name: string } }>("SELECT data FROM dim_sites_staging WHERE ...")
 * decodeStoredText(row.data.name) // "a\u0000b"
 * ```
 */
export const decodeStoredText = (text: string): string =>
  text.startsWith(storedTextMarker)
    ? text
        .slice(storedTextMarker.length)
        .replace(escaped, (_, body: string) =>
          body === "\\" ? "\\" : String.fromCharCode(Number.parseInt(body.slice(1), 16))
        )
    : text

/** An own property, even for the key `__proto__` (which plain assignment would treat as the prototype). */
const define = (target: Record<string, unknown>, key: string, value: unknown) => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/**
 * A stored JSON value (a Bronze `data` column, as read back) with every string and object key
 * decoded by `decodeStoredText`: the record as it was received.
 */
export const decodeStoredJson = (value: unknown): unknown => {
  if (typeof value === "string") return decodeStoredText(value)
  if (Array.isArray(value)) return value.map(decodeStoredJson)
  if (value !== null && typeof value === "object") {
    const decoded: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) define(decoded, decodeStoredText(key), decodeStoredJson(inner))
    return decoded
  }
  return value
}

/** Encodes every string and object key of a parsed JSON value; `changed` tells whether any was. */
const encodeJsonValue = (value: unknown, changed: { value: boolean }): unknown => {
  if (typeof value === "string") {
    if (!needsEncoding(value)) return value
    changed.value = true
    return encodeStoredText(value)
  }
  if (Array.isArray(value)) return value.map((inner) => encodeJsonValue(inner, changed))
  if (value !== null && typeof value === "object") {
    const encoded: Record<string, unknown> = {}
    for (const [key, inner] of Object.entries(value)) {
      if (needsEncoding(key)) changed.value = true
      define(encoded, encodeStoredText(key), encodeJsonValue(inner, changed))
    }
    return encoded
  }
  return value
}

/**
 * JSON text (from `JSON.stringify`) as stored. Fast path: text holding neither a `\u` escape nor
 * the marker is returned as is (two native scans, ~0.1-0.2 us for a ~550-byte record, next to
 * 3-5 us for the stringify that produced it); otherwise the value is re-encoded, and the text
 * returned unchanged when nothing needed encoding.
 */
export const storableJson = (json: string): string => {
  // `\u` covers `\u0000` and `\udXXX` (and, rarely, other escaped controls: re-encoded to the same text).
  if (!json.includes("\\u") && !json.includes(storedTextMarker)) return json
  const changed = { value: false }
  const encoded = encodeJsonValue(JSON.parse(json), changed)
  return changed.value ? JSON.stringify(encoded) : json
}
