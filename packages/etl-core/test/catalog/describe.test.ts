import { describe, expect, it } from "vitest"
import { catalogJobs, countByStatus, describeCatalog, formatIdRanges } from "../../src/index.js"

describe("describeCatalog", () => {
  it("lists every job by id with its status, reason, parents and default switch", () => {
    const rows = describeCatalog()
    expect(rows.map((row) => row.id)).toEqual(catalogJobs.map((job) => job.id).sort((a, b) => a - b))
    const patientVisits = rows.find((row) => row.id === 160)
    expect(patientVisits).toMatchObject({
      target: "dim_patient_visits_staging",
      status: "fixed",
      active: false,
      category: "visit",
      originalEndpoint: undefined,
      parents: ["studyId <- dim_subjects_staging.data->'study'->>'id'", "subjectId <- dim_subjects_staging.data->>'id'"]
    })
    expect(rows.find((row) => row.id === 23)?.originalEndpoint).toBe("/api/v1/studies/{studyId}/queries/odata")
    expect(rows.find((row) => row.id === 172)?.requiresEdition).toBe("CCE")
    expect(JSON.parse(JSON.stringify(rows))).toHaveLength(90)
  })

  it("shows the current switches when given them", () => {
    const rows = describeCatalog({
      active: new Map([
        [160, true],
        [2, false]
      ])
    })
    expect(rows.find((row) => row.id === 160)?.active).toBe(true)
    expect(rows.find((row) => row.id === 2)?.active).toBe(false)
    expect(rows.find((row) => row.id === 3)?.active).toBe(true)
  })

  it("counts jobs per status", () => {
    expect(countByStatus([{ status: "valid" }, { status: "valid" }, { status: "disabled" }])).toEqual({
      valid: 2,
      fixed: 0,
      disabled: 1,
      "not-in-spec": 0
    })
  })
})

describe("formatIdRanges", () => {
  it("compresses runs of ids", () => {
    expect(formatIdRanges(catalogJobs.map((job) => job.id))).toBe("1-35, 120-161, 164-176")
    expect(formatIdRanges([5, 3, 4, 9])).toBe("3-5, 9")
    expect(formatIdRanges([])).toBe("")
  })
})
