import { describe, expect, it } from "@effect/vitest"
import { makePlainRenderer } from "../../src/render/index.js"
import { threeJobSync } from "../fixtures/events.js"
import { replay } from "../fixtures/replay.js"

describe("plain renderer", () => {
  it("prints a line per start and finish and a progress line per running job every 5 s", () => {
    expect(replay(makePlainRenderer, threeJobSync).split("\n")).toEqual([
      "12:00:00 plan: 3 jobs in 2 stages (group 6f1c)",
      "12:00:00 job 2 Studies: started (run 101)",
      "12:00:00 job 30 Invoices: started (run 102)",
      "12:00:00 job 30 Invoices: failed in 288ms: NotImplemented: GET /api/v1/invoices/odata answered 501 (CCE-only endpoint): disable the job (0 inserted, 0 updated, 0 unchanged, 0 deleted; 0 pages, 1 requests)",
      "12:00:01 job 2 Studies: success in 1.2s: 1,050 inserted, 0 updated, 0 unchanged, 0 deleted; 2 pages, 2 requests",
      "12:00:01 job 10 Subjects: started (run 103, 4 partitions, resumed)",
      // 5 s after the start: one line per running job, with partitions, rate and ETA (3 s for 1 of 4)
      "12:00:05 job 10 Subjects: 1/4 partitions, 2,400 rows, 3 pages, 800 rows/s, ETA 9.0s",
      "12:00:06 warn: retrying after 429 (attempt=2, retryAfter=1)",
      "12:00:10 job 10 Subjects: 2/4 partitions, 4,800 rows, 6 pages, 800 rows/s, ETA 6.0s",
      "12:00:13 job 10 Subjects: partial in 12.1s: 1 of 4 partitions failed: studyId=9 answered 500 after 2 retries (9,000 inserted, 500 updated, 100 unchanged, 3 deleted; 12 pages, 13 requests)",
      ""
    ])
  })

  it("drops log lines below LOG_LEVEL and shows them at debug", () => {
    const atWarn = replay(makePlainRenderer, threeJobSync, { logLevel: "warn" })
    expect(atWarn).toContain("warn: retrying after 429")
    expect(atWarn).not.toContain("page fetched")
    expect(replay(makePlainRenderer, threeJobSync, { logLevel: "debug" })).toContain(
      "12:00:05 debug: page fetched (path=/api/v1/studies/7/subjects/odata)"
    )
  })

  it("follows the configured progress interval", () => {
    const everySecond = replay(makePlainRenderer, threeJobSync, { progressIntervalMs: 1000 })
    const progressLines = everySecond
      .split("\n")
      .filter((line) => line.includes("job 10 Subjects: ") && line.includes("partitions,"))
    // 12 s of the fan-out job at one line a second, instead of two lines at 5 s.
    expect(progressLines.length).toBeGreaterThanOrEqual(11)
    expect(progressLines.length).toBeLessThanOrEqual(13)
  })

  it("names a job it only heard progress from", () => {
    const output = replay(makePlainRenderer, [
      {
        at: 6000,
        event: {
          _tag: "JobProgress",
          jobId: 9,
          runId: 7,
          pages: 1,
          rows: 10,
          requests: 1,
          partitionsDone: 0,
          partitionsTotal: undefined,
          elapsedMs: 1000
        }
      }
    ])
    expect(output).toBe("12:00:06 job 9: 10 rows, 1 pages, 10.0 rows/s\n")
  })
})
