/**
 * The incremental rules: when a job filters on its watermark, when it takes a full snapshot or
 * sweeps every parent (first run, --full-refresh, the sweep interval), driven by `TestClock`;
 * and, against the sandbox, that the studies job filters on the largest `lastUpdatedOn` of the
 * source data and loads exactly the studies that changed.
 */
import { describe, expect, it, layer } from "@effect/vitest"
import { startSandbox } from "@trialsync/cc-sandbox"
import { Duration, Effect, Layer, TestClock } from "effect"
import { changeFilter, decideFetch } from "../../src/engine/incremental.js"
import type { RunContext } from "../../src/engine/types.js"
import { catalogJobs, RunLog, runJobs, seedCatalog, WarehouseService } from "../../src/index.js"
import { testDrivers } from "../fixtures/databases.js"
import { engineOver, runWith, sandboxConfig } from "../fixtures/engine.js"

const studies = catalogJobs.find((job) => job.id === 2)
const subjects = catalogJobs.find((job) => job.id === 10)
const settings = { fullRefresh: false, fullSweepIntervalHours: 168, incrementalOverlapSeconds: 300 }
const group: RunContext["group"] = {
  id: "00000000-0000-4000-8000-000000000000",
  selection: { all: true },
  jobIds: [2, 10],
  fullRefresh: false,
  trigger: "test",
  instanceName: "default"
}

const prepared = Layer.effectDiscard(
  Effect.flatMap(WarehouseService, (warehouse) =>
    Effect.promise(async () => {
      await seedCatalog(warehouse)
      await warehouse.query(
        "INSERT INTO dw_api_credentials (id, instance_name, base_url, api_key) VALUES (1, 'default', 'http://cc', 'env:CC_API_KEY')"
      )
    })
  )
)
const warehouseLayer = WarehouseService.layer({ inMemory: true, migrate: true })
const testLayer = Layer.mergeAll(RunLog.layer, prepared).pipe(Layer.provideMerge(warehouseLayer))

/** Records a finished run of `jobId` in `mode`, started now (by the test clock). */
const finishedRun = (jobId: number, mode: RunContext["mode"], watermark?: string) =>
  Effect.gen(function* () {
    const runs = yield* RunLog
    const row = yield* runs.start({
      jobId,
      groupId: group.id,
      instanceId: 1,
      trigger: "test",
      context: { group, mode }
    })
    return yield* runs.finish(row.id, {
      status: "success",
      elapsedMs: 1,
      ...(watermark === undefined ? {} : { watermark })
    })
  })

layer(testLayer, { timeout: 60_000 })("incremental decisions", (it) => {
  it.effect("a job with a change field snapshots first, then filters on its watermark minus the overlap", () =>
    Effect.gen(function* () {
      const job = studies as NonNullable<typeof studies>
      expect(yield* decideFetch(job, 1, settings)).toEqual({ mode: "snapshot" })
      yield* finishedRun(2, "snapshot", "2025-11-30T12:00:00Z")
      expect(yield* decideFetch(job, 1, settings)).toEqual({
        mode: "incremental",
        filter: "lastUpdatedOn gt 2025-11-30T11:55:00Z",
        previousWatermark: "2025-11-30T12:00:00Z"
      })
      expect(yield* decideFetch(job, 1, { ...settings, fullRefresh: true })).toEqual({ mode: "snapshot" })
      // An incremental run carries the watermark forward; the snapshot is what ages.
      yield* TestClock.adjust(Duration.hours(100))
      yield* finishedRun(2, "incremental", "2025-12-01T08:00:00Z")
      expect((yield* decideFetch(job, 1, settings)).filter).toBe("lastUpdatedOn gt 2025-12-01T07:55:00Z")
      yield* TestClock.adjust(Duration.hours(68))
      expect(yield* decideFetch(job, 1, settings)).toEqual({ mode: "snapshot" })
    })
  )

  it.effect("a fan-out job sweeps every parent first, then only changed parents until the sweep interval passes", () =>
    Effect.gen(function* () {
      const job = subjects as NonNullable<typeof subjects>
      expect(yield* decideFetch(job, 1, settings)).toEqual({ mode: "sweep" })
      yield* finishedRun(10, "sweep")
      expect(yield* decideFetch(job, 1, settings)).toEqual({ mode: "changed-parents" })
      yield* finishedRun(10, "changed-parents")
      yield* TestClock.adjust(Duration.hours(167))
      expect(yield* decideFetch(job, 1, settings)).toEqual({ mode: "changed-parents" })
      expect(yield* decideFetch(job, 1, { ...settings, fullRefresh: true })).toEqual({ mode: "sweep" })
      yield* TestClock.adjust(Duration.hours(1))
      expect(yield* decideFetch(job, 1, settings)).toEqual({ mode: "sweep" })
      expect(yield* decideFetch(job, 1, { ...settings, fullSweepIntervalHours: 0 })).toEqual({ mode: "sweep" })
    })
  )
})

describe("changeFilter", () => {
  it("subtracts the overlap and renders an OData DateTimeOffset", () => {
    expect(changeFilter("lastUpdatedOn", "2025-12-01T00:00:00Z", 300)).toBe("lastUpdatedOn gt 2025-11-30T23:55:00Z")
    expect(changeFilter("lastUpdatedOn", "2025-12-01T00:00:00.250Z", 0)).toBe(
      "lastUpdatedOn gt 2025-12-01T00:00:00.250Z"
    )
  })
})

describe.each(testDrivers)("the studies job against the sandbox on $name", (driver) => {
  it("filters on the largest lastUpdatedOn of the source data and loads exactly the changed studies", async () => {
    const sandbox = await startSandbox({ scale: 0.0005, seed: 51 })
    const { db: warehouse, close } = await driver.open()
    try {
      const engine = engineOver(warehouse, sandboxConfig(sandbox))
      const first = await runWith(engine, runJobs({ jobIds: [2] }))
      expect(first.jobs[0]).toMatchObject({ status: "success", inserted: 3 })
      const [row] = await warehouse.query<{ watermark: string; latest: string }>(
        `SELECT r.watermark, (SELECT max(data->>'lastUpdatedOn') FROM dim_studies_staging) AS latest
         FROM dw_etl_runs AS r WHERE r.job_id = 2`
      )
      // The source's own timestamp, not the warehouse clock (the sandbox lives in 2025).
      expect(row?.watermark).toBe(row?.latest)
      expect(Date.parse(row?.watermark ?? "")).toBeLessThan(Date.parse("2025-12-01T00:00:01Z"))

      sandbox.mutate({ fraction: 0.01, advanceMs: 3_600_000 })
      const second = await runWith(engine, runJobs({ jobIds: [2] }))
      // The changed study is rewritten; the overlap re-reads the one at the old watermark, unchanged.
      expect(second.jobs[0]).toMatchObject({ status: "success", updated: 1, inserted: 0, unchanged: 1 })
      const runs = await warehouse.query<{ mode: string; filter: string | null; watermark: string }>(
        "SELECT run_context->>'mode' AS mode, run_context->>'filter' AS filter, watermark FROM dw_etl_runs WHERE job_id = 2 ORDER BY id"
      )
      expect(runs.map((run) => run.mode)).toEqual(["snapshot", "incremental"])
      expect(runs[1]?.filter).toBe(changeFilter("lastUpdatedOn", row?.watermark as string, 300))
      expect(Date.parse(runs[1]?.watermark ?? "")).toBeGreaterThan(Date.parse(row?.watermark ?? ""))
    } finally {
      await sandbox.stop()
      await close()
    }
  })
})
