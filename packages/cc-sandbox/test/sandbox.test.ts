import { describe, expect, it } from "vitest"
import { type Sandbox, startSandbox } from "../src/index.js"
import { get } from "./support.js"

const PATHS = [
  "/api/v1/studies",
  "/api/v1/patients/odata?$top=200&$skip=100",
  "/api/v1/patient-visits/odata?$top=500&$skip=1000",
  "/api/v1/subject-statuses/odata?$top=300",
  "/api/v1/appointments/odata?$top=300&$skip=300",
  "/api/v1/sponsors/odata?$top=100",
  "/api/v1/system/conditions/odata?$top=100",
  "/api/v1/instance/details"
]

/** The answers to PATHS, as text, with page links (which name the port) left out. */
const snapshot = async (sandbox: Sandbox): Promise<Array<string>> => {
  const out: Array<string> = []
  for (const path of PATHS) {
    const answer = await get(sandbox, path)
    expect(answer.status, path).toBe(200)
    out.push(answer.json.Items === undefined ? answer.text : JSON.stringify(answer.json.Items))
  }
  return out
}

const run = async (options: { seed: number; scale: number }): Promise<Array<string>> => {
  const sandbox = await startSandbox(options)
  try {
    return await snapshot(sandbox)
  } finally {
    await sandbox.stop()
  }
}

describe("determinism", () => {
  it("serves byte-identical data for the same seed and scale, and different data for another seed", async () => {
    const first = await run({ seed: 7, scale: 0.01 })
    expect(await run({ seed: 7, scale: 0.01 })).toEqual(first)
    const other = await run({ seed: 8, scale: 0.01 })
    for (let at = 0; at < PATHS.length; at++) expect(other[at], PATHS[at]).not.toBe(first[at])
  })

  it("answers the same regardless of the order records are asked for", async () => {
    const sandbox = await startSandbox({ seed: 7, scale: 0.01 })
    try {
      const later = (await get(sandbox, "/api/v1/patient-visits/odata?$top=10&$skip=5000")).json.Items
      await get(sandbox, "/api/v1/patient-visits/odata?$top=1000")
      await get(sandbox, "/api/v1/subjects/odata?$top=1000")
      expect((await get(sandbox, "/api/v1/patient-visits/odata?$top=10&$skip=5000")).json.Items).toEqual(later)
    } finally {
      await sandbox.stop()
    }
  })

  it("sizes lists by scale: 0.01 is about 1% of the production volumes", async () => {
    const sandbox = await startSandbox({ seed: 7, scale: 0.01 })
    try {
      const counts = sandbox.counts()
      expect(counts["/api/v1/patient-visits/odata"]).toBe(22_973)
      expect(counts["/api/v1/patient-visits/{patientVisitId}/elements"]).toBe(20_906)
      expect(counts["/api/v1/appointments/odata"]).toBe(8_609)
      expect(counts["/api/v1/patients/odata"]).toBe(1_528)
      expect(counts["/api/v1/subject-statuses/odata"]).toBe(1_197)
      expect(counts["/api/v1/elements/odata"]).toBe(317)
      expect(counts["/api/v1/subjects/odata"]).toBe(888)
      expect(counts["/api/v1/studies"]).toBe(11)
      expect(sandbox.info().generatedRecords).toBeGreaterThan(55_000)
      expect(sandbox.info().generatedRecords).toBeLessThan(65_000)
    } finally {
      await sandbox.stop()
    }
  })
})
