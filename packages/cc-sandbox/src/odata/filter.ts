/**
 * OData `$filter` expressions: comparisons (eq ne gt ge lt le) on property paths, combined with
 * and / or / not and parentheses, plus contains / startswith / endswith / tolower / toupper.
 * Literals: numbers, 'quoted strings' ('' escapes a quote), true, false, null, unquoted
 * DateTimeOffset (`2025-01-02T03:04:05Z`), dates, GUIDs, and the OData v3 `datetime'...'` form.
 */

export type Literal =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "null" }
  | { readonly kind: "date"; readonly value: number; readonly text: string }

export type Expr =
  | { readonly kind: "literal"; readonly literal: Literal }
  | { readonly kind: "path"; readonly path: ReadonlyArray<string> }
  | { readonly kind: "compare"; readonly op: CompareOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "logical"; readonly op: "and" | "or"; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "not"; readonly operand: Expr }
  | { readonly kind: "call"; readonly name: string; readonly args: ReadonlyArray<Expr> }

export type CompareOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le"

/** A `$filter` (or `$orderby`) the sandbox cannot understand; answered with 400. */
export class ODataSyntaxError extends Error {
  override readonly name = "ODataSyntaxError"
}

const COMPARE_OPS = new Set(["eq", "ne", "gt", "ge", "lt", "le"])
const FUNCTIONS: Readonly<Record<string, number>> = { contains: 2, startswith: 2, endswith: 2, tolower: 1, toupper: 1 }

const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?/
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDfFlL]?/
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*/

type Token =
  | { readonly type: "literal"; readonly literal: Literal; readonly at: number }
  | { readonly type: "ident"; readonly text: string; readonly at: number }
  | { readonly type: "punct"; readonly text: "(" | ")" | ","; readonly at: number }

const dateLiteral = (text: string, at: number): Literal => {
  const value = Date.parse(/T/.test(text) && !/(Z|[+-]\d{2}:\d{2})$/.test(text) ? `${text}Z` : text)
  if (Number.isNaN(value)) throw new ODataSyntaxError(`"${text}" at position ${at} is not a valid date`)
  return { kind: "date", value, text }
}

const tokenize = (source: string): Array<Token> => {
  const tokens: Array<Token> = []
  let at = 0
  while (at < source.length) {
    const rest = source.slice(at)
    const char = source[at]!
    if (char === " " || char === "\t") {
      at++
      continue
    }
    if (char === "(" || char === ")" || char === ",") {
      tokens.push({ type: "punct", text: char, at })
      at++
      continue
    }
    if (char === "'") {
      let value = ""
      let end = at + 1
      for (;;) {
        if (end >= source.length) throw new ODataSyntaxError(`unterminated string literal starting at position ${at}`)
        if (source[end] === "'") {
          if (source[end + 1] === "'") {
            value += "'"
            end += 2
            continue
          }
          break
        }
        value += source[end]
        end++
      }
      tokens.push({ type: "literal", literal: { kind: "string", value }, at })
      at = end + 1
      continue
    }
    const prefixed = /^datetime(offset)?'([^']*)'/i.exec(rest)
    if (prefixed !== null) {
      tokens.push({ type: "literal", literal: dateLiteral(prefixed[2]!, at), at })
      at += prefixed[0].length
      continue
    }
    const guid = GUID.exec(rest)
    if (guid !== null) {
      tokens.push({ type: "literal", literal: { kind: "string", value: guid[0] }, at })
      at += guid[0].length
      continue
    }
    const date = DATE_TIME.exec(rest)
    if (date !== null && date[0].length >= 10) {
      tokens.push({ type: "literal", literal: dateLiteral(date[0], at), at })
      at += date[0].length
      continue
    }
    const number = NUMBER.exec(rest)
    if (number !== null) {
      tokens.push({ type: "literal", literal: { kind: "number", value: Number.parseFloat(number[0]) }, at })
      at += number[0].length
      continue
    }
    const ident = IDENT.exec(rest)
    if (ident !== null) {
      const text = ident[0]
      if (text === "true" || text === "false")
        tokens.push({ type: "literal", literal: { kind: "boolean", value: text === "true" }, at })
      else if (text === "null") tokens.push({ type: "literal", literal: { kind: "null" }, at })
      else tokens.push({ type: "ident", text, at })
      at += text.length
      continue
    }
    throw new ODataSyntaxError(`unexpected character "${char}" at position ${at}`)
  }
  return tokens
}

/** Parses a `$filter` value into an expression tree (throws {@link ODataSyntaxError} with the position). */
export const parseFilter = (source: string): Expr => {
  const tokens = tokenize(source)
  let position = 0
  const peek = (): Token | undefined => tokens[position]
  const describe = (token: Token | undefined): string =>
    token === undefined
      ? "the end of the expression"
      : `"${token.type === "literal" ? source.slice(token.at).split(" ")[0] : token.text}" at position ${token.at}`
  const isWord = (token: Token | undefined, word: string): boolean =>
    token?.type === "ident" && token.text.toLowerCase() === word
  const expectPunct = (text: string): void => {
    const token = peek()
    if (token?.type !== "punct" || token.text !== text)
      throw new ODataSyntaxError(`expected "${text}" but found ${describe(token)}`)
    position++
  }

  const parseOr = (): Expr => {
    let left = parseAnd()
    while (isWord(peek(), "or")) {
      position++
      left = { kind: "logical", op: "or", left, right: parseAnd() }
    }
    return left
  }
  const parseAnd = (): Expr => {
    let left = parseUnary()
    while (isWord(peek(), "and")) {
      position++
      left = { kind: "logical", op: "and", left, right: parseUnary() }
    }
    return left
  }
  const parseUnary = (): Expr => {
    if (isWord(peek(), "not")) {
      position++
      return { kind: "not", operand: parseUnary() }
    }
    const left = parseOperand()
    const token = peek()
    if (token?.type === "ident" && COMPARE_OPS.has(token.text.toLowerCase())) {
      position++
      return { kind: "compare", op: token.text.toLowerCase() as CompareOp, left, right: parseOperand() }
    }
    return left
  }
  const parseOperand = (): Expr => {
    const token = peek()
    if (token === undefined) throw new ODataSyntaxError("the expression ends too early")
    if (token.type === "punct" && token.text === "(") {
      position++
      const inner = parseOr()
      expectPunct(")")
      return inner
    }
    if (token.type === "literal") {
      position++
      return { kind: "literal", literal: token.literal }
    }
    if (token.type === "ident") {
      position++
      const name = token.text.toLowerCase()
      const next = peek()
      if (next?.type === "punct" && next.text === "(") {
        const arity = FUNCTIONS[name]
        if (arity === undefined) throw new ODataSyntaxError(`unknown function "${token.text}" at position ${token.at}`)
        position++
        const args: Array<Expr> = [parseOr()]
        while (peek()?.type === "punct" && (peek() as { text: string }).text === ",") {
          position++
          args.push(parseOr())
        }
        expectPunct(")")
        if (args.length !== arity)
          throw new ODataSyntaxError(`${token.text} takes ${arity} argument(s), got ${args.length}`)
        return { kind: "call", name, args }
      }
      return { kind: "path", path: token.text.split("/") }
    }
    throw new ODataSyntaxError(`unexpected ${describe(token)}`)
  }

  if (tokens.length === 0) throw new ODataSyntaxError("the expression is empty")
  const expr = parseOr()
  if (position < tokens.length) throw new ODataSyntaxError(`unexpected ${describe(peek())}`)
  return expr
}

/** Top-level property names an expression reads (so only those need generating while scanning). */
export const referencedProperties = (expr: Expr, into: Set<string> = new Set()): Set<string> => {
  switch (expr.kind) {
    case "path":
      into.add(expr.path[0]!)
      break
    case "compare":
    case "logical":
      referencedProperties(expr.left, into)
      referencedProperties(expr.right, into)
      break
    case "not":
      referencedProperties(expr.operand, into)
      break
    case "call":
      for (const arg of expr.args) referencedProperties(arg, into)
      break
    default:
      break
  }
  return into
}
