import { describe, expect, it } from "vitest"
import {
  type CatalogJob,
  catalogJobs,
  countByStatus,
  endpointPlaceholders,
  endpointShape,
  keyPathSegments,
  validateCatalog
} from "../../src/index.js"
import { exportedJobs, specGetOperations, specSchemas } from "../fixtures/index.js"

const job = (id: number): CatalogJob => {
  const found = catalogJobs.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`job ${id} missing`)
  return found
}
const ids = (predicate: (job: CatalogJob) => boolean) => catalogJobs.filter(predicate).map((j) => j.id)
const specOperationFor = (endpoint: string) =>
  specGetOperations.find((operation) => endpointShape(operation.path) === endpointShape(endpoint))

describe("the catalog data", () => {
  it("holds every job of the export once, with its original id, name, endpoint and target", () => {
    expect(catalogJobs).toHaveLength(90)
    expect(new Set(catalogJobs.map((j) => j.id)).size).toBe(90)
    expect(catalogJobs.map((j) => j.id)).toEqual(exportedJobs.map((j) => j.id))
    for (const exported of exportedJobs) {
      const entry = job(exported.id)
      expect({
        name: entry.name,
        endpoint: entry.originalEndpoint,
        target: entry.targetTable,
        active: entry.exportedActive
      }).toEqual({
        name: exported.name,
        endpoint: exported.endpoint,
        target: exported.targetTable,
        active: exported.active
      })
    }
  })

  it("keeps every exported parameter, bound to the CC id instead of a staging serial", () => {
    for (const exported of exportedJobs.filter((j) => j.parameterized)) {
      const names = job(exported.id).parameters.map((parameter) => parameter.name)
      // Job 175 was repointed from studies to visit definitions, so its placeholder changed too.
      expect(names, `job ${exported.id}`).toContain(exported.id === 175 ? "visitId" : exported.parameterName)
    }
    // Jobs that read the serial `id` column in the export: every one now reads a CC id.
    const serialBug = exportedJobs.filter((j) => j.parameterSourceColumn === "id").map((j) => j.id)
    expect(serialBug).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 141, 174, 175])
    for (const entry of catalogJobs) {
      for (const parameter of entry.parameters) {
        expect(keyPathSegments(parameter.keyPath).at(-1), `job ${entry.id}`).toMatch(/^(id|Id)$/)
      }
    }
  })

  it("has 88 distinct targets; only studies (2, 164) and patient visits (9, 160) are shared", () => {
    const byTarget = new Map<string, Array<number>>()
    for (const entry of catalogJobs)
      byTarget.set(entry.targetTable, [...(byTarget.get(entry.targetTable) ?? []), entry.id])
    expect(byTarget.size).toBe(88)
    const shared = [...byTarget].filter(([, writers]) => writers.length > 1)
    expect(Object.fromEntries(shared)).toEqual({ dim_studies_staging: [2, 164], dim_patient_visits_staging: [9, 160] })
    // Exactly one writer of each shared table is active by default: the global list.
    for (const [, writers] of shared) expect(writers.filter((id) => job(id).activeByDefault)).toHaveLength(1)
    expect(job(2).activeByDefault && job(9).activeByDefault).toBe(true)
  })

  it("applies the fixes of docs/design.md §4", () => {
    expect(ids((j) => j.status === "disabled")).toEqual([4, 5, 6, 7, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 24, 174])
    expect(ids((j) => j.status === "not-in-spec")).toEqual([167, 168, 169, 170, 171, 173, 176])
    expect(ids((j) => j.status === "fixed")).toEqual([11, 13, 23, 132, 141, 150, 154, 160, 161, 165, 166, 175])
    expect(countByStatus()).toEqual({ valid: 55, fixed: 12, disabled: 16, "not-in-spec": 7 })
    expect(job(23).endpoint).toBe("/api/v1/studies/{studyId}/monitor-queries/odata")
    expect(job(174).endpoint).toBe("/api/v1/studies/{studyId}/arms")
    expect(job(174).reason).toMatch(/duplicate of job 141/)
    expect(job(175).endpoint).toBe("/api/v1/visits/{visitId}/elements/odata")
    expect(job(175).parameters).toEqual([
      { name: "visitId", parentTable: "dim_visits_staging", parentJobId: 11, keyPath: "id" }
    ])
    expect(job(132).endpoint).toBe("/api/v1/system/study-statuses")
    expect(job(24).endpoint).toBe("/api/v1/patient-visits/{patientVisitId}/elements")
    expect(job(166).endpoint).toBe("/api/v1/patient-visits/{patientVisitId}/elements")
    expect(job(161).endpoint).toBe("/api/v1/patient-visits/{patientVisitId}/stipends")
    expect(job(24).reason).toMatch(/duplicate of job 166/)
    expect(job(160).parameters.map(({ name, parentTable, keyPath }) => ({ name, parentTable, keyPath }))).toEqual([
      { name: "studyId", parentTable: "dim_subjects_staging", keyPath: "study.id" },
      { name: "subjectId", parentTable: "dim_subjects_staging", keyPath: "id" }
    ])
    expect(job(165).parameters.map((p) => p.parentTable)).toEqual(["dim_studies_staging"])
  })

  it("keeps redundant, 501 and CCE-only jobs inactive, each with a reason that says so", () => {
    expect(job(23).activeByDefault).toBe(false)
    expect(job(23).reason).toMatch(/501/)
    expect(job(160).activeByDefault).toBe(false)
    expect(job(160).reason).toMatch(/job 9/)
    expect(job(164).activeByDefault).toBe(false)
    expect(job(164).reason).toMatch(/job 2/)
    expect(ids((j) => j.requiresEdition === "CCE")).toEqual([167, 172])
    for (const id of [167, 172]) expect(job(id).activeByDefault).toBe(false)
    // Every job with a 501 in the spec that the catalog can call is marked for its edition.
    for (const entry of catalogJobs) {
      const operation = specOperationFor(entry.endpoint)
      if (operation && "notImplemented" in operation) expect(entry.requiresEdition, `job ${entry.id}`).toBe("CCE")
    }
    // Jobs disabled in the export stay inactive.
    for (const exported of exportedJobs.filter((j) => !j.active)) expect(job(exported.id).activeByDefault).toBe(false)
    // Nothing that is disabled or not in the spec is active.
    expect(ids((j) => (j.status === "disabled" || j.status === "not-in-spec") && j.activeByDefault)).toEqual([])
  })

  it("gives every job a reason an operator can read, and a specific one whenever it is not a plain valid job", () => {
    const plain = job(1).reason
    for (const entry of catalogJobs) {
      expect(entry.reason, `job ${entry.id}`).toMatch(/^[A-Z].{20,}\.$/)
      if (entry.status !== "valid" || !entry.activeByDefault) expect(entry.reason, `job ${entry.id}`).not.toBe(plain)
    }
  })

  it("moves the deprecated v1 patient conditions and family history to v2", () => {
    for (const id of [150, 154]) {
      const original = specOperationFor(job(id).originalEndpoint)
      const fixed = specOperationFor(job(id).endpoint)
      expect(original && "deprecated" in original && original.deprecated).toBe(true)
      expect(fixed?.path.startsWith("/api/v2/")).toBe(true)
      expect(job(id).reason).toMatch(/deprecated/)
    }
  })

  it("finds every valid or fixed endpoint in the spec, with the spec's list kind", () => {
    const report = validateCatalog(specGetOperations)
    expect(report.results.filter((result) => result.severity === "error")).toEqual([])
    expect(report.results.filter((result) => result.severity === "warning")).toEqual([])
    const withPath = report.results.filter((result) => result.specPath !== undefined).map((result) => result.jobId)
    expect(withPath).toEqual(ids((j) => j.status === "valid" || j.status === "fixed" || j.id === 24 || j.id === 174))
    expect(ids((j) => j.listKind === "unknown")).toEqual(ids((j) => specOperationFor(j.endpoint) === undefined))
  })

  it("binds every placeholder, and each key path leads to an integer CC id of the parent's records", () => {
    for (const entry of catalogJobs) {
      expect([...endpointPlaceholders(entry.endpoint)].sort(), `job ${entry.id}`).toEqual(
        entry.parameters.map((p) => p.name).sort()
      )
      for (const parameter of entry.parameters) {
        const parent = job(parameter.parentJobId as number)
        expect(parent.targetTable).toBe(parameter.parentTable)
        let schema = specOperationFor(parent.endpoint)?.itemSchema as string
        let type = schema
        for (const segment of keyPathSegments(parameter.keyPath)) {
          type = specSchemas[schema]?.[segment] as string
          schema = type
        }
        expect(type, `job ${entry.id} ${parameter.keyPath} in ${parent.name}`).toBe("integer")
      }
    }
  })

  it("takes parent keys only from tables an active job fills", () => {
    const activeTargets = new Set<string>(catalogJobs.filter((j) => j.activeByDefault).map((j) => j.targetTable))
    for (const entry of catalogJobs) {
      for (const parameter of entry.parameters) {
        expect(activeTargets.has(parameter.parentTable), `job ${entry.id}`).toBe(true)
        expect(job(parameter.parentJobId as number).activeByDefault, `job ${entry.id}`).toBe(true)
      }
    }
  })

  it("orders pages by the item schema's own id field, on /odata paths only, and filters only studies", () => {
    for (const entry of catalogJobs) {
      const operation = specOperationFor(entry.endpoint)
      const fields = operation?.itemSchema ? Object.keys(specSchemas[operation.itemSchema] ?? {}) : []
      const idField = fields.find((field) => field === "id" || field === "Id")
      const expected = operation?.odata && idField ? idField : undefined
      expect(entry.orderBy, `job ${entry.id}`).toBe(expected)
    }
    expect(ids((j) => j.changeField !== undefined)).toEqual([2])
    expect(job(2).changeField).toBe("lastUpdatedOn")
    expect(specSchemas.StudyViewModel?.lastUpdatedOn).toBe("string")
  })

  it("uses only known categories, each with at least one job", () => {
    const categories = new Set(catalogJobs.map((j) => j.category))
    expect([...categories].sort()).toEqual([
      "admin",
      "core",
      "finance",
      "instance",
      "patient",
      "reference",
      "study",
      "visit"
    ])
  })
})
