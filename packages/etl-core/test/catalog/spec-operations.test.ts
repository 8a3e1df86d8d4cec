import { specOperations } from "@trialsync/cc-client"
import { describe, expect, it } from "vitest"
import { validateCatalog } from "../../src/index.js"
import { specGetOperations } from "../fixtures/index.js"

describe("the catalog against @trialsync/cc-client's specOperations", () => {
  it("validates without errors or warnings, matching the same spec paths as the fixture", () => {
    const live = validateCatalog(specOperations)
    expect(live.results.filter((result) => result.severity !== "ok")).toEqual([])
    const fixture = validateCatalog(specGetOperations)
    expect(live.results.map((result) => [result.jobId, result.specPath])).toEqual(
      fixture.results.map((result) => [result.jobId, result.specPath])
    )
  })

  it("agrees with the fixture on every GET path and response kind", () => {
    const kinds = (operations: ReadonlyArray<{ method: string; path: string; responseKind: string }>) =>
      operations
        .filter((operation) => operation.method.toUpperCase() === "GET")
        .map((operation) => `${operation.path} ${operation.responseKind}`)
        .sort()
    expect(kinds(specOperations)).toEqual(kinds(specGetOperations))
  })
})
