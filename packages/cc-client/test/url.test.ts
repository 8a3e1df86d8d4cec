import { describe, expect, it } from "vitest"
import { InvalidQuery } from "../src/errors.js"
import { odata } from "../src/odata.js"
import { apiUrl, parseBaseUrl, resolvePath, serializeQuery } from "../src/url.js"

describe("resolvePath", () => {
  it("fills placeholders with encoded values", () => {
    expect(resolvePath("/api/v1/studies/{studyId}/subjects/{subjectId}", { studyId: 4, subjectId: "a/b c" })).toBe(
      "/api/v1/studies/4/subjects/a%2Fb%20c"
    )
  })

  it("names a missing placeholder", () => {
    expect(() => resolvePath("/api/v1/studies/{studyId}/subjects/odata", {})).toThrow(/\{studyId\} is missing/)
    expect(() => resolvePath("/api/v1/studies/{studyId}/subjects/odata", {})).toThrow(InvalidQuery)
  })

  it("names an unknown parameter", () => {
    expect(() => resolvePath("/api/v1/studies/odata", { studyId: 1 })).toThrow(/unknown path parameter studyId/)
  })

  it("refuses a path that is not relative to the base URL", () => {
    expect(() => resolvePath("https://elsewhere/api", undefined)).toThrow(InvalidQuery)
  })
})

describe("serializeQuery", () => {
  it("keeps $ readable, encodes values, and renders built filters", () => {
    expect(
      serializeQuery({
        $filter: odata.eq("name", "a&b"),
        $top: 10,
        $count: true,
        $select: ["id", "name"],
        skip: undefined
      })
    ).toBe("$filter=name%20eq%20'a%26b'&$top=10&$count=true&$select=id%2Cname")
  })
})

describe("base URLs", () => {
  it("keeps a site path and drops a trailing slash", () => {
    const base = parseBaseUrl("https://host.example/CCSWEB/")
    expect(base?.href).toBe("https://host.example/CCSWEB")
    expect(apiUrl(base!, "/api/v1/studies/odata", "$top=5").href).toBe(
      "https://host.example/CCSWEB/api/v1/studies/odata?$top=5"
    )
  })

  it("refuses what is not an http(s) base URL", () => {
    expect(parseBaseUrl("ftp://x")).toBeUndefined()
    expect(parseBaseUrl("not a url")).toBeUndefined()
    expect(parseBaseUrl("https://user:pw@host/")).toBeUndefined()
    expect(parseBaseUrl("https://host/?a=1")).toBeUndefined()
  })
})
