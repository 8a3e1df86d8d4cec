/**
 * What only a server with several connections can show (PostgreSQL): a loader transaction that
 * commits while a transformation runs is not lost by the next incremental one; the Gold refresh
 * does not wait for readers; two transformations at once do not duplicate versions.
 */
import { openWarehouse, type Warehouse } from "@trialsync/warehouse"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { transform } from "../../src/index.js"
import { registerInstance } from "./support/bronze.js"
import { rows, rowsWritten, useWarehouse } from "./support/harness.js"
import { loadSeed, subjects } from "./support/seed-data.js"
import { type SnapshotWriter, snapshotWriter } from "./support/snapshot.js"

const now = new Date("2025-01-15T12:00:00Z")

/** A promise and the function that settles it. */
const gate = () => {
  let open = () => {}
  const opened = new Promise<void>((resolve) => {
    open = resolve
  })
  return { open, opened }
}

describe("transformations beside other sessions (postgresql)", () => {
  const handle = useWarehouse("postgresql", "transform_concurrency")
  let warehouse: Warehouse
  let other: Warehouse
  let instance: number
  let writer: SnapshotWriter
  const written = (report: Awaited<ReturnType<typeof transform>>, table: string) =>
    report.layers.find((layer) => layer.table === table)?.rowsWritten

  beforeAll(async () => {
    warehouse = handle.warehouse()
    other = await openWarehouse({ databaseUrl: handle.databaseUrl()!, poolSize: 2 })
    instance = await registerInstance(warehouse, "concurrency")
    writer = snapshotWriter(warehouse, instance)
    await loadSeed(writer)
    await transform(warehouse, { now })
  })
  afterAll(() => other?.close())

  it("a change committed during a transformation is read by the next one", async () => {
    const staged = gate()
    const commit = gate()
    // A loader's transaction: it writes (updated_at = its start) but commits only later.
    const loader = other.transaction(async (tx) => {
      await tx.query(
        `UPDATE dim_studies_staging SET data = jsonb_set(data, '{status}', '"Paused"'), content_hash = 'changed',
                updated_at = now(), loaded_at = now()
          WHERE source_instance_id = $1 AND record_key = '1001'`,
        [instance]
      )
      staged.open()
      await commit.opened
    })
    await staged.opened
    const during = await transform(warehouse, { now })
    expect(during.mode).toBe("incremental")
    expect(written(during, "dim_studies")).toBe(0)
    commit.open()
    await loader
    // The change is older than the transformation that could not see it: reading "since the last
    // start" would skip it for good.
    const [change] = await rows(
      warehouse,
      `SELECT s.updated_at < r.started_at AS older FROM dim_studies_staging AS s, dw_transformation_runs AS r
        WHERE s.source_instance_id = $1 AND s.record_key = '1001' AND r.id = $2`,
      [instance, during.transformationRunId]
    )
    expect(change?.older).toBe(true)
    const after = await transform(warehouse, { now })
    expect(written(after, "dim_studies")).toBe(2)
    expect(
      await rows(
        warehouse,
        "SELECT status FROM dim_studies WHERE source_instance_id = $1 AND study_id = 1001 AND is_current",
        [instance]
      )
    ).toEqual([{ status: "Paused" }])
  })

  it("refreshes the materialized view while a reader holds it open", async () => {
    const reading = gate()
    const done = gate()
    const reader = other.transaction(async (tx) => {
      await tx.query("SELECT count(*) FROM mv_study_performance_metrics")
      reading.open()
      await done.opened
    })
    await reading.opened
    await writer.snapshot("dim_subjects_staging", {
      byParent: {
        "1001": [...subjects, { ...subjects[0]!, id: 57004, uid: "u-57004", enrollmentDate: "2024-05-01T09:00:00Z" }]
      }
    })
    const report = await transform(warehouse, { now })
    done.open()
    await reader
    expect(written(report, "mv_study_performance_metrics")).toBeGreaterThan(0)
    expect(
      await rows(
        warehouse,
        "SELECT subjects_total FROM mv_study_performance_metrics WHERE source_instance_id = $1 AND study_id = 1001",
        [instance]
      )
    ).toEqual([{ subjects_total: 4 }])
  })

  it("two transformations at once take turns and write each change once", async () => {
    await writer.snapshot("dim_subjects_staging", {
      byParent: { "1001": [{ ...subjects[0]!, status: "FollowUp" }, subjects[1]!, subjects[2]!] }
    })
    const [first, second] = await Promise.all([transform(warehouse, { now }), transform(other, { now })])
    expect([first.status, second.status]).toEqual(["success", "success"])
    expect([written(first, "dim_subjects"), written(second, "dim_subjects")].sort()).toEqual([0, 3])
    expect(
      await rows(
        warehouse,
        `SELECT subject_id, count(*)::int AS current FROM dim_subjects WHERE source_instance_id = $1 AND is_current
          GROUP BY subject_id ORDER BY subject_id`,
        [instance]
      )
    ).toEqual([
      { subject_id: 57001, current: 1 },
      { subject_id: 57002, current: 1 },
      { subject_id: 57003, current: 1 }
    ])
    expect(rowsWritten(await transform(warehouse, { mode: "full", now }))).toBe(0)
  })
})
