import { describe, expect, it } from "@effect/vitest"
import { makeJsonRenderer } from "../../src/render/index.js"
import { threeJobSync } from "../fixtures/events.js"
import { replay } from "../fixtures/replay.js"

const parse = (output: string) =>
  output
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>)

describe("JSON renderer", () => {
  it("writes one JSON object per line with time, level, event and message", () => {
    const records = parse(replay(makeJsonRenderer, threeJobSync))
    expect(records.map((record) => [record.event, record.level, record.message])).toEqual([
      ["PlanReady", "info", "plan: 3 jobs in 2 stages"],
      ["JobStarted", "info", "job 2 Studies started"],
      ["JobStarted", "info", "job 30 Invoices started"],
      ["JobFinished", "error", "job 30 Invoices failed"],
      ["JobProgress", "info", "job 2 Studies: 1000 rows"],
      ["JobFinished", "info", "job 2 Studies success"],
      ["JobStarted", "info", "job 10 Subjects started"],
      ["JobProgress", "info", "job 10 Subjects: 2400 rows"],
      ["Log", "warn", "retrying after 429"],
      // 7.3 s is within 5 s of the progress line at 4.3 s: thinned out
      ["JobProgress", "info", "job 10 Subjects: 9600 rows"],
      ["JobFinished", "warn", "job 10 Subjects partial"]
    ])
    expect(records[0]).toEqual({
      time: "2025-12-01T12:00:00.000Z",
      level: "info",
      event: "PlanReady",
      message: "plan: 3 jobs in 2 stages",
      groupId: "6f1c",
      stages: [[2, 30], [10]]
    })
  })

  it("keeps every field of a finished job, for machines", () => {
    const finished = parse(replay(makeJsonRenderer, threeJobSync)).filter((record) => record.event === "JobFinished")
    expect(finished[2]).toEqual({
      time: "2025-12-01T12:00:13.350Z",
      level: "warn",
      event: "JobFinished",
      message: "job 10 Subjects partial",
      name: "Subjects",
      jobId: 10,
      runId: 103,
      status: "partial",
      inserted: 9000,
      updated: 500,
      unchanged: 100,
      deleted: 3,
      pages: 12,
      requests: 13,
      durationMs: 12050,
      error: "1 of 4 partitions failed: studyId=9 answered 500 after 2 retries"
    })
    const progress = parse(replay(makeJsonRenderer, threeJobSync)).find((record) => record.event === "JobProgress")
    expect(progress).toMatchObject({ jobId: 2, rows: 1000, elapsedMs: 790, rowsPerSecond: 1266 })
  })

  it("applies LOG_LEVEL to every line", () => {
    const atWarn = parse(replay(makeJsonRenderer, threeJobSync, { logLevel: "warn" }))
    expect(atWarn.map((record) => record.level)).toEqual(["error", "warn", "warn"])
    const atDebug = parse(replay(makeJsonRenderer, threeJobSync, { logLevel: "debug" }))
    expect(atDebug.find((record) => record.level === "debug")).toMatchObject({
      event: "Log",
      message: "page fetched",
      path: "/api/v1/studies/7/subjects/odata"
    })
  })
})
