import { describe, expect, it } from "vitest"
import {
  endpointPlaceholders,
  endpointShape,
  fillEndpoint,
  keyPathSegments,
  keyPathToSql,
  readKeyPath
} from "../../src/index.js"

describe("endpoint templates", () => {
  it("lists placeholders in order and compares templates by shape", () => {
    expect(endpointPlaceholders("/api/v1/studies/{studyId}/subjects/{subjectId}/patient-visits")).toEqual([
      "studyId",
      "subjectId"
    ])
    expect(endpointPlaceholders("/api/v1/sites")).toEqual([])
    expect(endpointShape("/api/v1/patients/{patientId}/devices")).toBe(endpointShape("/api/v1/patients/{id}/devices"))
    expect(endpointShape("/api/v1/patients/{id}/devices")).not.toBe(endpointShape("/api/v1/patients/{id}/allergies"))
  })

  it("fills placeholders with encoded values and names a missing one", () => {
    expect(fillEndpoint("/api/v1/studies/{studyId}/subjects/{subjectId}", { studyId: 42, subjectId: "a b" })).toBe(
      "/api/v1/studies/42/subjects/a%20b"
    )
    expect(() => fillEndpoint("/api/v1/studies/{studyId}/arms", {})).toThrow(/\{studyId\}/)
  })
})

describe("key paths", () => {
  it("reads nested fields and tolerates missing steps", () => {
    const subject = { id: 7, study: { id: 42 } }
    expect(readKeyPath(subject, "id")).toBe(7)
    expect(readKeyPath(subject, "study.id")).toBe(42)
    expect(readKeyPath(subject, "site.id")).toBeUndefined()
    expect(readKeyPath(null, "id")).toBeUndefined()
    expect(readKeyPath({ Id: 3 }, "Id")).toBe(3)
  })

  it("renders the notation of the original parameter_source_column", () => {
    expect(keyPathToSql("id")).toBe("data->>'id'")
    expect(keyPathToSql("study.id")).toBe("data->'study'->>'id'")
    expect(keyPathToSql("Id", "payload")).toBe("payload->>'Id'")
  })

  it("refuses paths that could inject SQL or are empty", () => {
    expect(() => keyPathSegments("")).toThrow(/Invalid key path/)
    expect(() => keyPathToSql("id'; drop table x; --")).toThrow(/Invalid key path/)
    expect(() => keyPathSegments("study..id")).toThrow(/"study\.\.id"/)
  })
})
