import { readFile } from "node:fs/promises"
import { describe, expect, it } from "vitest"
import { ODATA_QUERY_PARAMETERS, patchSpec, type SwaggerDocument } from "../spec/patch.js"

const original = JSON.parse(
  await readFile(new URL("../spec/cc_openapi.json", import.meta.url), "utf8")
) as SwaggerDocument
const patched = patchSpec(original)

const operations = (spec: SwaggerDocument) =>
  Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation }))
  )

describe("spec/patch.ts", () => {
  it("declares the seven OData options as typed query parameters on every /odata GET", () => {
    const odataGets = operations(patched).filter(({ path, method }) => method === "get" && path.endsWith("/odata"))
    expect(odataGets).toHaveLength(48)
    for (const { operation } of odataGets) {
      const query = (operation.parameters ?? []).filter((parameter) => parameter.in === "query")
      for (const option of ODATA_QUERY_PARAMETERS) {
        expect(query.find((parameter) => parameter.name === option.name)).toMatchObject({ type: option.type })
      }
    }
  })

  it("drops the typeless queryOptions header everywhere", () => {
    const before = operations(original).filter(({ operation }) =>
      (operation.parameters ?? []).some((parameter) => parameter.name === "queryOptions")
    )
    expect(before.length).toBe(49)
    for (const { operation } of operations(patched)) {
      expect((operation.parameters ?? []).map((parameter) => parameter.name)).not.toContain("queryOptions")
    }
  })

  it("removes the invalid 'in: Header' security scheme (auth comes from client config)", () => {
    expect(original.securityDefinitions).toMatchObject({ CCAPIKey: { in: "Header" } })
    expect(patched.securityDefinitions).toBeUndefined()
    for (const { operation } of operations(patched)) expect(operation.security).toBeUndefined()
  })

  it("leaves the input untouched", () => {
    expect(original.securityDefinitions).toBeDefined()
  })
})
