import { describe, expect, it } from "vitest"
import { type CatalogJob, catalogJobs, type SpecOperationLike, validateCatalog } from "../../src/index.js"
import { specGetOperations } from "../fixtures/index.js"

const base = catalogJobs.find((job) => job.id === 10) as CatalogJob
const variant = (overrides: Partial<CatalogJob>): CatalogJob => ({ ...base, ...overrides })
const problemsOf = (
  jobs: ReadonlyArray<CatalogJob>,
  operations: ReadonlyArray<SpecOperationLike> = specGetOperations
) => validateCatalog(operations, jobs).results.flatMap((result) => result.problems.map((problem) => problem.kind))

describe("validateCatalog", () => {
  it("passes the shipped catalog and reports the spec template it matched", () => {
    const report = validateCatalog(specGetOperations)
    expect(report).toMatchObject({ ok: true, errors: 0, warnings: 0 })
    expect(report.results).toHaveLength(90)
    const devices = report.results.find((result) => result.jobId === 147)
    expect(devices).toMatchObject({ specPath: "/api/v1/patients/{id}/devices", severity: "ok" })
    const users = report.results.find((result) => result.jobId === 4)
    expect(users).toMatchObject({ specPath: undefined, severity: "ok", status: "disabled" })
  })

  it("fails a valid or fixed job whose path is not in the spec", () => {
    const broken = variant({ endpoint: "/api/v1/studies/{studyId}/nothing/odata", status: "fixed" })
    const report = validateCatalog(specGetOperations, [broken])
    expect(report.ok).toBe(false)
    expect(report.errors).toBe(1)
    expect(report.results[0]?.problems[0]?.message).toMatch(/no GET \/api\/v1\/studies\/\{studyId\}\/nothing\/odata/)
  })

  it("fails when the spec drops a path the catalog relies on", () => {
    const withoutSites = specGetOperations.filter((operation) => operation.path !== "/api/v1/sites")
    const report = validateCatalog(withoutSites)
    expect(report.ok).toBe(false)
    expect(report.results.filter((result) => result.severity === "error").map((result) => result.jobId)).toEqual([1])
  })

  it("reports unbound or extra placeholders", () => {
    expect(problemsOf([variant({ parameters: [] })])).toEqual(["placeholder-mismatch"])
    const extra = variant({ parameters: [...base.parameters, { name: "siteId", parentTable: "x", keyPath: "id" }] })
    expect(problemsOf([extra])).toEqual(["placeholder-mismatch"])
  })

  it("reports a list kind or ordering the spec does not support", () => {
    expect(problemsOf([variant({ listKind: "array" })])).toEqual(["list-kind-mismatch"])
    const sites = catalogJobs.find((job) => job.id === 1) as CatalogJob
    expect(problemsOf([{ ...sites, orderBy: "id" }])).toEqual(["order-by-unsupported"])
  })

  it("warns when a not-in-spec job gains a path, a deprecated path is active, or a 501 is undeclared", () => {
    expect(problemsOf([variant({ status: "not-in-spec" })])).toEqual(["unexpected-path"])
    const conditions = catalogJobs.find((job) => job.id === 150) as CatalogJob
    expect(problemsOf([{ ...conditions, endpoint: conditions.originalEndpoint }])).toEqual(["deprecated"])
    const payments = catalogJobs.find((job) => job.id === 172) as CatalogJob
    const { requiresEdition: _, ...undeclared } = payments
    const report = validateCatalog(specGetOperations, [undeclared])
    expect(report).toMatchObject({ ok: true, warnings: 1 })
    expect(report.results[0]?.problems[0]?.kind).toBe("edition-undeclared")
  })

  it("ignores operations other than GET", () => {
    const post = specGetOperations.map((operation) => ({ ...operation, method: "post" }))
    expect(validateCatalog(post, [base]).results[0]?.problems[0]?.kind).toBe("missing-path")
    const lower = specGetOperations.map((operation) => ({ ...operation, method: "get" }))
    expect(validateCatalog(lower, [base]).ok).toBe(true)
  })
})
