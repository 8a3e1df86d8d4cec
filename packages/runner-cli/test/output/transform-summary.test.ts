import { describe, expect, it } from "@effect/vitest"
import {
  describeFailedChecks,
  formatGoldTable,
  formatTransformReport,
  type TransformReportLike
} from "../../src/output/transform-summary.js"

const report: TransformReportLike = {
  transformationRunId: 7,
  mode: "incremental",
  status: "failed",
  durationMs: 4200,
  layers: [
    { layer: "silver", table: "dim_study", rowsWritten: 11, ms: 120 },
    { layer: "gold", table: "mv_study_performance_metrics", rowsWritten: 11, ms: 45 }
  ],
  quality: [
    { check: "duplicate_current_keys", table: "dim_subject", passed: true, failedCount: 0, sampleKeys: [] },
    {
      check: "orphan_fact_keys",
      table: "fact_patient_visit",
      passed: false,
      failedCount: 2,
      sampleKeys: ["1:901", "1:902"]
    }
  ]
}

describe("transform summary", () => {
  it("names each failed check with its table, count and sample keys", () => {
    expect(describeFailedChecks(report)).toEqual(["orphan_fact_keys on fact_patient_visit (2 rows, e.g. 1:901, 1:902)"])
    expect(describeFailedChecks({ ...report, quality: [report.quality[0]!] })).toEqual([])
  })

  it("prints the layers and the checks", () => {
    const lines = formatTransformReport(report)
    expect(lines[0]).toBe("Transformation run 7 (incremental): failed in 4.2s.")
    expect(lines).toContain("Data quality: 1 of 2 checks passed.")
    expect(lines.find((line) => line.startsWith("orphan_fact_keys"))).toMatch(/FAILED +2 +1:901, 1:902$/)
    expect(lines.find((line) => line.startsWith("silver"))).toMatch(/^silver +dim_study +11 +120ms$/)
  })

  it("keeps only the headline, the summary and the failed checks when compact", () => {
    const lines = formatTransformReport(report, { compact: true })
    expect(lines[0]).toBe("Transformation run 7 (incremental): failed in 4.2s.")
    expect(lines[1]).toBe("Data quality: 1 of 2 checks passed.")
    expect(lines.slice(2).filter((line) => /^\w/.test(line) && !line.startsWith("check"))).toEqual([
      expect.stringMatching(/^orphan_fact_keys +fact_patient_visit +FAILED/)
    ])
    expect(
      formatTransformReport({ ...report, status: "success", quality: [report.quality[0]!] }, { compact: true })
    ).toEqual(["Transformation run 7 (incremental): success in 4.2s.", "Data quality: 1 of 1 checks passed."])
  })

  it("prints a Gold view with numbers right-aligned", () => {
    const lines = formatGoldTable({
      view: "v_study_enrollment_summary",
      columns: ["study_name", "subjects_enrolled"],
      rows: [
        { study_name: "TID-100", subjects_enrolled: 7 },
        { study_name: "TID-101", subjects_enrolled: 12 }
      ]
    })
    expect(lines).toEqual([
      "v_study_enrollment_summary:",
      "study_name  subjects_enrolled",
      "----------  -----------------",
      "TID-100                     7",
      "TID-101                    12"
    ])
  })
})
