/**
 * A sync through 429 storms (the sandbox's rate limit, far below what the engine asks for) and
 * transient faults (429, 500, 502, 503, 504, connection resets) finishes with every record
 * loaded once: current rows per table equal the sandbox's counts. On both database drivers.
 */
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import type { Warehouse } from "@trialsync/warehouse"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runJobs } from "../../src/index.js"
import { testDrivers } from "../fixtures/databases.js"
import { currentCounts, engineOver, runWith, sandboxConfig, sandboxCountsByJob } from "../fixtures/engine.js"

describe.each(testDrivers)("a sync through faults on $name", (driver) => {
  let sandbox: Sandbox
  let warehouse: Warehouse
  let close: () => Promise<void>

  beforeAll(async () => {
    sandbox = await startSandbox({
      scale: 0.0005,
      seed: 31,
      faults: { faultRate: 0.12, rateLimitRps: 600, retryAfterSeconds: 0 }
    })
    ;({ db: warehouse, close } = await driver.open())
  })
  afterAll(async () => {
    await sandbox?.stop()
    await close?.()
  })

  it("loses and duplicates nothing", async () => {
    const engine = engineOver(warehouse, sandboxConfig(sandbox, { concurrency: 12, maxRetries: 10 }))
    const report = await runWith(engine, runJobs({ all: true }))
    expect(report.jobs.filter((job) => job.status !== "success")).toEqual([])
    const statuses = sandbox.stats().byStatus
    // The run did go through the storm: rate limits, server errors and resets (which the
    // sandbox counts as status 0 or leaves out) were all answered.
    expect(statuses["429"] ?? 0).toBeGreaterThan(50)
    expect(
      (statuses["500"] ?? 0) + (statuses["502"] ?? 0) + (statuses["503"] ?? 0) + (statuses["504"] ?? 0)
    ).toBeGreaterThan(50)
    const [instance] = await warehouse.query<{ id: number }>("SELECT id FROM dw_api_credentials")
    const counts = await currentCounts(warehouse, Number(instance?.id))
    const expected = sandboxCountsByJob(
      sandbox,
      report.jobs.map((job) => job.jobId)
    )
    expect(expected.size).toBe(54)
    expect([...expected].filter(([, { table, count }]) => counts.get(table) !== count)).toEqual([])
    // Every record once: the loaded rows are exactly the records received minus repeats.
    const received = report.jobs.reduce((sum, job) => sum + job.inserted, 0)
    const rows = [...counts.values()].reduce((sum, n) => sum + n, 0)
    expect(rows).toBe(received)
  })
})
