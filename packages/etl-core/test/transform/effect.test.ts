/**
 * The Effect face of the transformation (what the CLI calls) over the engine's WarehouseService,
 * on PostgreSQL: reports, the demo's summaries, typed failures, and a failed transformation
 * that keeps nothing and says where it failed.
 */
import { expect, layer } from "@effect/vitest"
import { openWarehouse } from "@trialsync/warehouse"
import { createTestDatabase } from "@trialsync/warehouse/testing"
import { Effect, Layer } from "effect"
import {
  goldSummary,
  runTransform,
  silverGoldCounts,
  TransformError,
  transform,
  WarehouseService
} from "../../src/index.js"
import { registerInstance } from "./support/bronze.js"
import { loadSeed, studies } from "./support/seed-data.js"
import { snapshotWriter } from "./support/snapshot.js"

const now = new Date("2025-01-15T12:00:00Z")

/** A migrated PostgreSQL test database holding the seeded dataset, dropped when the layer closes. */
const seededWarehouse = Layer.scoped(
  WarehouseService,
  Effect.acquireRelease(
    Effect.promise(async () => {
      const database = await createTestDatabase("transform_effect")
      const warehouse = await openWarehouse({ databaseUrl: database.url, poolSize: 2 })
      await warehouse.migrate()
      const instance = await registerInstance(warehouse, "effect")
      await loadSeed(snapshotWriter(warehouse, instance))
      return Object.assign(warehouse, { drop: database.drop, instance })
    }),
    (warehouse) => Effect.promise(() => warehouse.close().then(warehouse.drop))
  )
)

const query = (text: string) =>
  Effect.flatMap(WarehouseService, (warehouse) => Effect.promise(() => warehouse.query<Record<string, unknown>>(text)))

layer(seededWarehouse, { timeout: 120_000 })("runTransform and the summaries", (it) => {
  it.effect("runs in full first, then incrementally with nothing to write", () =>
    Effect.gen(function* () {
      const first = yield* runTransform({ now })
      expect(first).toMatchObject({ mode: "full", status: "success" })
      expect(first.layers.map((layer) => layer.table)).toContain("mv_study_performance_metrics")
      const second = yield* runTransform({ now })
      expect(second.mode).toBe("incremental")
      expect(second.layers.every((layer) => layer.rowsWritten === 0)).toBe(true)
      const [run] = yield* query(
        `SELECT run_status, mode, completed_at IS NOT NULL AS done FROM dw_transformation_runs WHERE id = ${second.transformationRunId}`
      )
      expect(run).toEqual({ run_status: "success", mode: "incremental", done: true })
    })
  )

  it.effect("counts rows per Silver table and Gold view, and shows the top studies", () =>
    Effect.gen(function* () {
      const counts = yield* silverGoldCounts()
      const byTable = new Map(counts.map((count) => [count.table, count]))
      expect(byTable.get("dim_studies")).toEqual({ layer: "silver", table: "dim_studies", rows: 2 })
      expect(byTable.get("fact_patient_visits")).toEqual({ layer: "silver", table: "fact_patient_visits", rows: 4 })
      expect(byTable.get("dim_date")?.rows).toBe(13_149)
      expect(byTable.get("v_study_enrollment_summary")).toEqual({
        layer: "gold",
        table: "v_study_enrollment_summary",
        rows: 2
      })
      expect(byTable.get("mv_study_performance_metrics")?.rows).toBe(2)
      const summary = yield* goldSummary({ limit: 1 })
      expect(summary).toEqual({
        view: "v_study_enrollment_summary",
        columns: [
          "study_name",
          "study_status",
          "subjects_total",
          "subjects_enrolled",
          "randomized",
          "completed",
          "dropped",
          "screen_failure_rate"
        ],
        rows: [
          {
            study_name: "ONC-1001",
            study_status: "Enrolling",
            subjects_total: 3,
            subjects_enrolled: 2,
            randomized: 2,
            completed: 1,
            dropped: 1,
            screen_failure_rate: 0.3333
          }
        ]
      })
    })
  )

  it.effect("refuses an unknown mode with a TransformError callers can catch by tag", () =>
    Effect.gen(function* () {
      const message = yield* runTransform({ mode: "weekly" as never }).pipe(
        Effect.map(() => "no error"),
        Effect.catchTag("TransformError", (error) => Effect.succeed(error.message))
      )
      expect(message).toBe('Unknown transform mode "weekly": use "incremental" or "full".')
    })
  )

  it.effect("a transformation that fails keeps nothing and records where it failed", () =>
    Effect.gen(function* () {
      const warehouse = yield* WarehouseService
      const instance = (warehouse as unknown as { instance: number }).instance
      yield* Effect.promise(() =>
        snapshotWriter(warehouse, instance).snapshot("dim_studies_staging", [
          { ...studies[0]!, status: "Closed" },
          studies[1]!
        ])
      )
      // Gold cannot be refreshed without its materialized view.
      yield* query("DROP MATERIALIZED VIEW mv_study_performance_metrics")
      const error = yield* Effect.flip(
        Effect.tryPromise({ try: () => transform(warehouse, { now }), catch: (cause) => cause })
      )
      expect(error).toBeInstanceOf(TransformError)
      expect((error as TransformError).step).toBe("gold")
      expect((error as TransformError).message).toMatch(
        /^Transform failed while writing gold: .*mv_study_performance_metrics/
      )
      const [run] = yield* query(
        `SELECT run_status, error_message, stats ? 'watermark' AS committed FROM dw_transformation_runs WHERE id = ${(error as TransformError).transformationRunId}`
      )
      expect(run).toMatchObject({ run_status: "failed", committed: false })
      expect(String(run?.error_message)).toContain("writing gold")
      // The study change was merged before Gold failed, and rolled back with it.
      expect(yield* query("SELECT count(*)::int AS versions FROM dim_studies WHERE study_id = 1001")).toEqual([
        { versions: 1 }
      ])
    })
  )
})
