/**
 * Issue 13 item 3: integers beyond 2^53 must not collapse. `JSON.parse` reads 9007199254740993
 * as 9007199254740992; the client hands such literals over as their exact decimal text.
 */
import { describe, expect, it } from "vitest"
import { parseJsonText, quoteUnsafeIntegers } from "../../src/json-text.js"
import { collect, hostileClient, useHostileServer } from "../support/hostile-server.js"

const server = useHostileServer()

const TWO_53_PLUS_1 = "9007199254740993"
const TWENTY_DIGITS = "12345678901234567890"

const BODY = `{"Items":[{"Id":${TWO_53_PLUS_1},"Name":"a"},{"Id":${TWENTY_DIGITS},"Name":"b"},{"Id":-${TWO_53_PLUS_1},"Name":"c"},{"Id":42,"Name":"d"}],"NextPageLink":null,"Count":4}`

const plain = (text: string) => (_request: unknown, response: import("node:http").ServerResponse) => {
  response.writeHead(200, { "content-type": "application/json" })
  response.end(text)
}

describe("integers above 2^53 over HTTP", () => {
  it("keeps them exact (as strings) in records, and leaves safe integers numbers", async () => {
    expect(String(JSON.parse(`[${TWO_53_PLUS_1}]`)[0])).toBe("9007199254740992") // what JSON.parse alone does
    server.current.handle(plain(BODY))
    const { client } = hostileClient(server.current)
    const records = (await collect(client.records("/api/v1/subjects/odata"))) as Array<{ Id: unknown }>
    expect(records.map((record) => record.Id)).toEqual([TWO_53_PLUS_1, TWENTY_DIGITS, `-${TWO_53_PLUS_1}`, 42])
  })

  it("keeps them exact in get() and in SDK calls", async () => {
    server.current.handle(plain(`{"Id":${TWENTY_DIGITS},"Version":9007199254740991}`))
    const { client } = hostileClient(server.current)
    expect(await client.getUntyped("/api/v1/studies/1")).toEqual({ Id: TWENTY_DIGITS, Version: 9007199254740991 })
    const { data } = await client.sdk.studyGetStudy({ path: { id: 1 } })
    expect(data).toEqual({ Id: TWENTY_DIGITS, Version: 9007199254740991 })
  })
})

describe("quoteUnsafeIntegers", () => {
  it("quotes only unsafe integer literals outside strings", () => {
    expect(quoteUnsafeIntegers(`[${TWO_53_PLUS_1},9007199254740991,-9007199254740991]`)).toBe(
      `["${TWO_53_PLUS_1}",9007199254740991,-9007199254740991]`
    )
    expect(quoteUnsafeIntegers(`{"a": ${TWENTY_DIGITS} , "b":[${TWENTY_DIGITS}]}`)).toBe(
      `{"a": "${TWENTY_DIGITS}" , "b":["${TWENTY_DIGITS}"]}`
    )
  })

  it("leaves fractions, exponents, strings and escapes alone", () => {
    const text = `{"f":12345678901234567890.5,"e":12345678901234567890e3,"E":-12345678901234567890E-2,"s":"${TWENTY_DIGITS}","q":"a\\"${TWENTY_DIGITS}\\\\","k${TWENTY_DIGITS}":1}`
    expect(quoteUnsafeIntegers(text)).toBe(text)
    expect(parseJsonText(text)).toEqual(JSON.parse(text))
  })

  it("parses a string that ends in an escaped backslash, then a big id", () => {
    expect(parseJsonText(`["x\\\\",${TWENTY_DIGITS}]`)).toEqual(["x\\", TWENTY_DIGITS])
  })

  it("keeps invalid JSON invalid", () => {
    expect(() => parseJsonText(`{"Id":${TWENTY_DIGITS}`)).toThrow(SyntaxError)
    expect(() => parseJsonText(`<html>${TWENTY_DIGITS}</html>`)).toThrow(SyntaxError)
  })
})
