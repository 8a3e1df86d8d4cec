import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type CatalogJob, catalogJobs, fillEndpoint, readKeyPath } from "../../src/index.js"

// Every endpoint of the catalog, called over real HTTP against the sandbox (a CC instance, not
// CCE): active jobs answer 200 with the shape the catalog declares; the reasons for inactive
// jobs (404 not in the spec, 501 CCE-only or not served) hold.
describe("catalog endpoints against the sandbox", () => {
  let sandbox: Sandbox
  const get = async (path: string) => {
    const response = await fetch(`${sandbox.url}${path}`, { headers: { [sandbox.apiKeyHeader]: sandbox.apiKey } })
    return { status: response.status, body: response.ok ? ((await response.json()) as unknown) : undefined }
  }
  const first = async (path: string): Promise<unknown> => {
    const { body } = await get(path)
    const items = Array.isArray(body) ? body : (body as { Items?: ReadonlyArray<unknown> }).Items
    return items?.[0]
  }
  // One parent record per parent table, read from the sandbox's own lists.
  const parents = new Map<string, unknown>()

  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.002, seed: 7 })
    parents.set("dim_studies_staging", await first("/api/v1/studies/odata?$top=1"))
    parents.set("dim_patients_staging", await first("/api/v1/patients/odata?$top=1"))
    parents.set("dim_patient_visits_staging", await first("/api/v1/patient-visits/odata?$top=1"))
    parents.set("dim_visits_staging", await first("/api/v1/visits/odata?$top=1"))
    parents.set("dim_subjects_staging", await first("/api/v1/subjects/odata?$top=1"))
  })
  afterAll(() => sandbox?.stop())

  const pathOf = (job: CatalogJob) =>
    fillEndpoint(
      job.endpoint,
      Object.fromEntries(
        job.parameters.map((parameter) => [
          parameter.name,
          String(readKeyPath(parents.get(parameter.parentTable), parameter.keyPath))
        ])
      )
    )

  const shapeOf = (body: unknown) =>
    Array.isArray(body) ? "array" : body !== null && typeof body === "object" && "Items" in body ? "page" : "object"

  it("answers 200 for every job with a spec path, in the declared shape", async () => {
    const outcomes: Array<string> = []
    for (const job of catalogJobs.filter((candidate) => candidate.listKind !== "unknown")) {
      if (job.requiresEdition === "CCE" || [23, 30, 31].includes(job.id)) continue
      const { status, body } = await get(pathOf(job))
      const expected = job.listKind === "odata-array" ? "array" : job.listKind
      outcomes.push(`${job.id} ${status} ${status === 200 ? shapeOf(body) : "-"}`)
      expect(`${job.id} ${status} ${status === 200 ? shapeOf(body) : "-"}`).toBe(`${job.id} 200 ${expected}`)
    }
    expect(outcomes.length).toBeGreaterThan(60)
  })

  it("answers 404 for every job without a spec path", async () => {
    for (const job of catalogJobs.filter((candidate) => candidate.listKind === "unknown")) {
      const path = job.parameters.length > 0 ? pathOf(job) : job.endpoint
      expect(`${job.id} ${(await get(path)).status}`).toBe(`${job.id} 404`)
    }
  })

  it("answers 501 where the catalog says CCE-only or not served by the instance", async () => {
    for (const id of [23, 30, 31, 172]) {
      const job = catalogJobs.find((candidate) => candidate.id === id) as CatalogJob
      expect(`${id} ${(await get(pathOf(job))).status}`).toBe(`${id} 501`)
    }
  })
})
