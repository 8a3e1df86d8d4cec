import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { generatedFile, readSpec, renderSpecModule } from "../scripts/generate-spec.js"
import { definitions, getOperations } from "../src/generated/spec.js"
import { spec } from "./support.js"

describe("generated spec module", () => {
  it("is exactly what scripts/generate-spec.ts writes from spec/cc_openapi.json", () => {
    expect(readFileSync(generatedFile, "utf8")).toBe(renderSpecModule(readSpec()))
  })

  it("holds the spec's 164 GET operations with the answer shapes of docs/design.md §3", () => {
    expect(getOperations).toHaveLength(164)
    const kinds = getOperations.map((operation) => operation.response.split(":")[0])
    expect(kinds.filter((kind) => kind === "page")).toHaveLength(44)
    expect(kinds.filter((kind) => kind === "object")).toHaveLength(50)
    const bareOdata = getOperations.filter(
      (operation) => operation.path.endsWith("/odata") && operation.response.startsWith("array:")
    )
    expect(bareOdata.map((operation) => operation.path).sort()).toEqual([
      "/api/v1/patients/odata",
      "/api/v1/sites/odata",
      "/api/v1/staff/odata",
      "/api/v1/studies/odata"
    ])
  })

  it("keeps each schema's property names, casing and order", () => {
    for (const name of ["StudyViewModel", "SubjectPreviewModel", "PatientVisit", "SubjectStatusModel"]) {
      expect(definitions[name]?.props.map(([prop]) => prop)).toEqual(
        Object.keys(spec.definitions[name]?.properties ?? {})
      )
    }
  })
})
