/**
 * JSON parsing that keeps integers above 2^53 exact. `JSON.parse` turns `9007199254740993` into
 * `9007199254740992` without a word (and Node 20's reviver has no `context.source` to recover the
 * literal), so before parsing, every integer literal outside a string whose value is beyond
 * `Number.MAX_SAFE_INTEGER` (either sign) is wrapped in quotes: it arrives as the exact decimal
 * text, e.g. `"9007199254740993"`. Safe integers and numbers with a fraction or an exponent are
 * left alone (they stay numbers). Bodies without a run of 16 digits skip the scan entirely.
 */

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/** Integers of 16 digits or more may be unsafe; shorter ones never are. */
const LONG_DIGITS = /\d{16}/

const QUOTE = 0x22
const BACKSLASH = 0x5c
const MINUS = 0x2d
const ZERO = 0x30
const NINE = 0x39
const DOT = 0x2e
const LOWER_E = 0x65
const UPPER_E = 0x45

const isDigit = (code: number): boolean => code >= ZERO && code <= NINE

/**
 * The JSON text with every unsafe integer literal quoted. Text that is not valid JSON comes back
 * with at most such quotes added, so `JSON.parse` still rejects it.
 *
 * @example
 * ```ts
 * quoteUnsafeIntegers('{"Id":9007199254740993,"n":1.5}') // '{"Id":"9007199254740993","n":1.5}'
 * ```
 */
export const quoteUnsafeIntegers = (text: string): string => {
  if (!LONG_DIGITS.test(text)) return text
  const out: string[] = []
  let copied = 0
  let i = 0
  const length = text.length
  while (i < length) {
    const code = text.charCodeAt(i)
    if (code === QUOTE) {
      // Skip the string, escapes included.
      i++
      while (i < length) {
        const inner = text.charCodeAt(i)
        if (inner === BACKSLASH) i += 2
        else if (inner === QUOTE) break
        else i++
      }
      i++
      continue
    }
    if (code === MINUS || isDigit(code)) {
      const start = i
      if (code === MINUS) i++
      while (i < length && isDigit(text.charCodeAt(i))) i++
      const digitsEnd = i
      let integer = true
      while (i < length) {
        const next = text.charCodeAt(i)
        if (next === DOT || next === LOWER_E || next === UPPER_E || next === MINUS || next === 0x2b) {
          integer = false
          i++
        } else if (isDigit(next)) i++
        else break
      }
      const digits = digitsEnd - start - (code === MINUS ? 1 : 0)
      if (integer && digits >= 16) {
        const literal = text.slice(start, digitsEnd)
        const value = BigInt(literal)
        if (value > MAX_SAFE || value < -MAX_SAFE) {
          out.push(text.slice(copied, start), '"', literal, '"')
          copied = digitsEnd
        }
      }
      continue
    }
    i++
  }
  if (copied === 0) return text
  out.push(text.slice(copied))
  return out.join("")
}

/**
 * `JSON.parse` with unsafe integers kept exact as strings (see `quoteUnsafeIntegers`).
 *
 * @example
 * ```ts
 * parseJsonText('[{"Id":12345678901234567890}]') // [{ Id: "12345678901234567890" }]
 * ```
 */
export const parseJsonText = (text: string): unknown => JSON.parse(quoteUnsafeIntegers(text)) as unknown
