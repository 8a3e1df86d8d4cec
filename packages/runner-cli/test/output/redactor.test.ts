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

  it("ignores values too short to be secrets, which would mask ordinary text", () => {
    const redactor = new Redactor()
    redactor.add("ab")
    redactor.add(undefined)
    expect(redactor.redact("a table of abc")).toBe("a table of abc")
  })
})
