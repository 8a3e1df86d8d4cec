import { describe, expect, it } from "vitest"
import { passwordOf, redactConnectionString, scrubSecret } from "../../src/core/redact.js"

describe("redactConnectionString", () => {
  it("keeps user, host, port and database; never the password or the query string", () => {
    expect(redactConnectionString("postgres://app:s3cr%40t@db:5432/dw?sslpassword=x&password=y")).toBe(
      "postgres://app:***@db:5432/dw"
    )
    expect(redactConnectionString("postgresql://db/dw")).toBe("postgresql://db/dw")
    expect(redactConnectionString("not a url with s3cret")).toBe("<unparseable connection string>")
  })

  it("scrubs a (URL-decoded) password out of messages", () => {
    const password = passwordOf("postgres://app:s3cr%40t@db/dw")
    expect(password).toBe("s3cr@t")
    expect(scrubSecret("auth failed for s3cr@t and s3cr@t", password)).toBe("auth failed for *** and ***")
  })
})
