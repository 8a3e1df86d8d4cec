import { describe, expect, it } from "@effect/vitest"
import { Redactor } from "../../src/output/redactor.js"

describe("Redactor", () => {
  it("masks the key and the database password, raw and percent-decoded, and the whole URL", () => {
    const redactor = new Redactor()
    redactor.add("sbx_0123456789abcdef")
    redactor.addDatabaseUrl("postgres://etl:p%40ss-word@db:5432/dw")
    expect(redactor.redact("key sbx_0123456789abcdef sent")).toBe("key *** sent")
    expect(redactor.redact("url postgres://etl:p%40ss-word@db:5432/dw")).toBe("url ***")
    expect(redactor.redact("password p%40ss-word or p@ss-word")).toBe("password *** or ***")
  })

  it("masks a key the server echoes back encoded: percent (either case), form, base64", () => {
    const redactor = new Redactor()
    redactor.add("sbx/01 key+23")
    expect(redactor.redact("next=?k=sbx%2F01%20key%2B23")).toBe("next=?k=***")
    expect(redactor.redact("next=?k=sbx%2f01+key%2b23")).toBe("next=?k=***")
    expect(redactor.redact(`auth ${Buffer.from("sbx/01 key+23").toString("base64")}`)).toBe("auth ***")
  })

  it("ignores values too short to be secrets, which would mask ordinary text", () => {
    const redactor = new Redactor()
    redactor.add("ab")
    redactor.add(undefined)
    expect(redactor.redact("a table of abc")).toBe("a table of abc")
  })
})
