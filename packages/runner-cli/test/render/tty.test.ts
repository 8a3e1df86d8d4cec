import { describe, expect, it } from "@effect/vitest"
import { makeTtyRenderer } from "../../src/render/index.js"
import { threeJobSync } from "../fixtures/events.js"
import { replay } from "../fixtures/replay.js"
import { ESC, screenAfter } from "../fixtures/terminal.js"

const redraws = (output: string) => output.match(new RegExp(`${ESC}\\[\\d+F`, "g"))?.length ?? 0
const colours = new RegExp(`${ESC}\\[\\d*m`, "g")

describe("TTY renderer", () => {
  it("shows the running jobs in a live block below the finished ones", () => {
    // Stop the recording while Subjects is half done.
    const halfway = threeJobSync.filter((item) => item.at <= 7300)
    const screen = screenAfter(replay(makeTtyRenderer, halfway, { columns: () => 200 }, { close: false, endAt: 7400 }))
    // plan, two finished jobs, the warning; then the live block: a header and the running job
    expect(screen).toHaveLength(6)
    expect(screen.slice(0, 3)).toEqual([
      "plan: 3 jobs in 2 stages (group 6f1c)",
      "job 30 Invoices: failed in 288ms: NotImplemented: GET /api/v1/invoices/odata answered 501 (CCE-only endpoint): disable the job (0 inserted, 0 updated, 0 unchanged, 0 deleted; 0 pages, 1 requests)",
      "job 2 Studies: success in 1.2s: 1,050 inserted, 0 updated, 0 unchanged, 0 deleted; 2 pages, 2 requests"
    ])
    expect(screen[3]).toBe("warn: retrying after 429 (attempt=2, retryAfter=1)")
    expect(screen[4]).toMatch(/^. 2\/3 jobs done, 1 running, 5,850 rows \(\d+ rows\/s\), 7\.4s, 1 not successful$/)
    expect(screen[5]).toBe("  job 10 Subjects: 2/4 partitions, 4,800 rows, 6 pages, 800 rows/s, ETA 6.0s")
  })

  it("redraws at most ten times a second and leaves only permanent lines on close", () => {
    const output = replay(makeTtyRenderer, threeJobSync, { columns: () => 200 })
    // 13.35 s of recording: at most one redraw per 100 ms.
    expect(redraws(output)).toBeLessThanOrEqual(134)
    expect(redraws(output)).toBeGreaterThan(100)
    expect(screenAfter(output)).toEqual([
      "plan: 3 jobs in 2 stages (group 6f1c)",
      "job 30 Invoices: failed in 288ms: NotImplemented: GET /api/v1/invoices/odata answered 501 (CCE-only endpoint): disable the job (0 inserted, 0 updated, 0 unchanged, 0 deleted; 0 pages, 1 requests)",
      "job 2 Studies: success in 1.2s: 1,050 inserted, 0 updated, 0 unchanged, 0 deleted; 2 pages, 2 requests",
      "warn: retrying after 429 (attempt=2, retryAfter=1)",
      "job 10 Subjects: partial in 12.1s: 1 of 4 partitions failed: studyId=9 answered 500 after 2 retries (9,000 inserted, 500 updated, 100 unchanged, 3 deleted; 12 pages, 13 requests)"
    ])
  })

  it("cuts live lines to the terminal width so the redraw never wraps", () => {
    const halfway = threeJobSync.filter((item) => item.at <= 7300)
    const output = replay(makeTtyRenderer, halfway, { columns: () => 40 }, { close: false })
    const live = output.slice(output.lastIndexOf("\u001b[J") + 3)
    const lines = live.replace(colours, "").trimEnd().split("\n")
    expect(lines.length).toBeGreaterThan(1)
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(39)
  })
})
