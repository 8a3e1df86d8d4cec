/**
 * The run log: `dw_etl_runs` (one row per job execution, checkpoints in `run_context`) and the
 * `last_run_*` columns of `dw_etl_jobs` that operators' queries read (docs/design.md §5).
 * Times come from Effect's `Clock`, so tests can drive them with `TestClock`.
 */
import type { RunStatus } from "@trialsync/warehouse"
import { Clock, Context, Effect, Layer } from "effect"
import type { WarehouseError } from "../engine/errors.js"
import type { RunContext } from "../engine/types.js"
import { currentOwner, type DeadRun, failDeadRuns } from "./run-owner.js"
import { type RunRow, runColumns, toRunRow } from "./run-rows.js"
import { WarehouseService, withWarehouse } from "./warehouse.js"

export interface NewRun {
  readonly jobId: number
  readonly groupId: string
  readonly instanceId: number
  readonly trigger: string
  readonly context: RunContext
  /** Fan-out jobs: the partitions the run will fetch. */
  readonly partitionsTotal?: number
}

export interface RunEnd {
  readonly status: RunStatus
  /** Classified (`Tag: message`), never containing the key. */
  readonly error?: string
  /** Largest change-field value of the source data this run saw (incremental jobs). */
  readonly watermark?: string | null
  /** Milliseconds this attempt worked (added to earlier attempts' on resume). */
  readonly elapsedMs: number
}

/** A job whose run row may exist although its start failed. */
export interface OrphanRun {
  readonly groupId: string
  readonly jobId: number
  readonly status: "failed" | "cancelled"
  readonly error: string | null
}

export interface RunLogShape {
  /** Inserts a `running` row and points the job's `last_run_*` at it. */
  readonly start: (run: NewRun) => Effect.Effect<RunRow, WarehouseError>
  /**
   * A new `running` row that continues `prior` (a resume): `retry_of` = its id, attempt + 1, its
   * checkpoint and group, counters from zero (this execution's); its seen keys and partition
   * rows move over, so committed work is not fetched again. `prior` keeps its status and error.
   */
  readonly retry: (prior: RunRow) => Effect.Effect<RunRow, WarehouseError>
  /** Ends the `running` runs whose process died (services/run-owner.ts); returns them. */
  readonly failDead: () => Effect.Effect<ReadonlyArray<DeadRun>, WarehouseError>
  /**
   * Ends the `running` rows this process wrote for a job of a group when their start never
   * reached the engine (the reply was lost with the connection); returns them.
   */
  readonly abandon: (orphan: OrphanRun) => Effect.Effect<ReadonlyArray<RunRow>, WarehouseError>
  /** Ends a run: status, counters totalled, partition counts from `dw_etl_partitions`, `last_run_*`. */
  readonly finish: (runId: number, end: RunEnd) => Effect.Effect<RunRow, WarehouseError>
  readonly get: (runId: number) => Effect.Effect<RunRow | undefined, WarehouseError>
  /** Every run of a group, oldest first. */
  readonly group: (groupId: string) => Effect.Effect<ReadonlyArray<RunRow>, WarehouseError>
  /** The latest successful run of a job on an instance whose mode is one of `modes`. */
  readonly lastSuccess: (
    jobId: number,
    instanceId: number,
    modes: ReadonlyArray<RunContext["mode"]>
  ) => Effect.Effect<RunRow | undefined, WarehouseError>
}

/** Keeps `dw_etl_jobs.last_run_*` in step with a run ($1 job, $2 run, $3 status, $4 records, $5 at). */
const setJobLastSql = `UPDATE dw_etl_jobs SET last_run_id = $2, last_run_status = $3,
  last_run_records = coalesce($4, last_run_records), last_run_at = $5, updated_at = now() WHERE id = $1`

/** The same, as a CTE over the run rows `from` (`records`: an SQL expression over them, or NULL). */
const setJobLastFrom = (from: string, records: string) => `job_last AS (
  UPDATE dw_etl_jobs AS j SET last_run_id = ${from}.id, last_run_status = ${from}.run_status,
    last_run_records = coalesce(${records}, j.last_run_records),
    last_run_at = coalesce(${from}.completed_at, ${from}.started_at), updated_at = now()
  FROM ${from} WHERE j.id = ${from}.job_id RETURNING j.id
)`

const make = Effect.gen(function* () {
  const warehouse = yield* WarehouseService
  const provide = <A, E>(effect: Effect.Effect<A, E, WarehouseService>) =>
    Effect.provideService(effect, WarehouseService, warehouse)
  const one = (operation: string, sql: string, params: ReadonlyArray<unknown>) =>
    provide(
      withWarehouse(operation, async (db) => {
        const [row] = await db.query<Record<string, unknown>>(sql, params)
        if (row === undefined) throw new Error(`${operation}: no row returned`)
        return toRunRow(row)
      })
    )

  const shape: RunLogShape = {
    start: (run) =>
      Effect.gen(function* () {
        const now = new Date(yield* Clock.currentTimeMillis)
        // One statement, so the run row and the job's last run commit together: the database
        // dropping our connection between two statements would leave a `running` row unowned.
        return yield* one(
          "starting a run",
          `WITH r AS (
             INSERT INTO dw_etl_runs
               (job_id, group_id, source_instance_id, run_status, trigger, run_context, started_at, partitions_total)
             VALUES ($1, $2, $3, 'running', $4, $5::jsonb, $6, $7) RETURNING ${runColumns}
           ), ${setJobLastFrom("r", "NULL")}
           SELECT * FROM r`,
          [
            run.jobId,
            run.groupId,
            run.instanceId,
            run.trigger,
            JSON.stringify({ ...run.context, owner: currentOwner() }),
            now,
            run.partitionsTotal ?? 0
          ]
        )
      }),
    retry: (prior) =>
      Effect.gen(function* () {
        const now = new Date(yield* Clock.currentTimeMillis)
        const row = yield* provide(
          withWarehouse("starting a retry run", (db) =>
            db.transaction(async (tx) => {
              const [inserted] = await tx.query<Record<string, unknown>>(
                `INSERT INTO dw_etl_runs
                   (job_id, group_id, source_instance_id, run_status, trigger, run_context, started_at,
                    partitions_total, attempt, retry_of)
                 SELECT job_id, group_id, source_instance_id, 'running', trigger,
                   jsonb_set(coalesce(run_context, '{}'::jsonb) - 'warnings', '{owner}', $2::jsonb, true), $3,
                   partitions_total, attempt + 1, id
                 FROM dw_etl_runs WHERE id = $1 RETURNING ${runColumns}`,
                [prior.id, JSON.stringify(currentOwner()), now]
              )
              if (inserted === undefined) throw new Error(`starting a retry run: run ${prior.id} not found`)
              const next = toRunRow(inserted)
              await tx.query("UPDATE dw_etl_seen_keys SET run_id = $2 WHERE run_id = $1", [prior.id, next.id])
              await tx.query("UPDATE dw_etl_partitions SET run_id = $2 WHERE run_id = $1", [prior.id, next.id])
              await tx.query(setJobLastSql, [next.jobId, next.id, next.status, null, next.startedAt])
              return next
            })
          )
        )
        return row
      }),
    failDead: () =>
      Effect.gen(function* () {
        const now = new Date(yield* Clock.currentTimeMillis)
        return yield* provide(withWarehouse("ending runs whose process died", (db) => failDeadRuns(db, now)))
      }),
    finish: (runId, end) =>
      Effect.gen(function* () {
        const now = new Date(yield* Clock.currentTimeMillis)
        // One statement with the job's last run, and idempotent (the elapsed time is added only
        // while the row is `running`), because it is retried when the database dropped us.
        return yield* one(
          "finishing a run",
          `WITH parts AS (
             SELECT count(*) FILTER (WHERE status = 'done')::int AS done,
                    count(*) FILTER (WHERE status = 'failed')::int AS failed,
                    count(*) FILTER (WHERE status = 'skipped')::int AS skipped,
                    count(*)::int AS rows
             FROM dw_etl_partitions WHERE run_id = $1
           ), r AS (
             UPDATE dw_etl_runs AS r SET run_status = $2, completed_at = $3,
               duration_ms = CASE WHEN r.run_status = 'running' THEN coalesce(r.duration_ms, 0) + $4::int
                                  ELSE r.duration_ms END,
               error_message = $5, watermark = coalesce($6, r.watermark),
               records_loaded = r.records_inserted + r.records_updated + r.records_unchanged,
               partitions_done = CASE WHEN parts.rows > 0 THEN parts.done ELSE r.partitions_done END,
               partitions_failed = CASE WHEN parts.rows > 0 THEN parts.failed ELSE r.partitions_failed END,
               partitions_skipped = CASE WHEN parts.rows > 0 THEN parts.skipped ELSE r.partitions_skipped END
             FROM parts WHERE r.id = $1 RETURNING ${runColumns}
           ), ${setJobLastFrom("r", "r.records_inserted + r.records_updated + r.records_unchanged")}
           SELECT * FROM r`,
          [runId, end.status, now, Math.max(0, Math.round(end.elapsedMs)), end.error ?? null, end.watermark ?? null]
        )
      }),
    abandon: (orphan) =>
      Effect.gen(function* () {
        const now = new Date(yield* Clock.currentTimeMillis)
        return yield* provide(
          withWarehouse("ending a run whose start was cut off", async (db) => {
            const rows = await db.query<Record<string, unknown>>(
              `WITH r AS (
                 UPDATE dw_etl_runs SET run_status = $4, error_message = $5, completed_at = $6,
                   records_loaded = records_inserted + records_updated + records_unchanged
                 WHERE group_id = $1 AND job_id = $2 AND run_status = 'running'
                   AND run_context->'owner'->>'token' = $3
                 RETURNING ${runColumns}
               ), ${setJobLastFrom("r", "NULL")}
               SELECT * FROM r ORDER BY id`,
              [orphan.groupId, orphan.jobId, currentOwner().token, orphan.status, orphan.error, now]
            )
            return rows.map(toRunRow)
          })
        )
      }),
    get: (runId) =>
      provide(
        withWarehouse("reading a run", async (db) => {
          const [row] = await db.query<Record<string, unknown>>(`SELECT ${runColumns} FROM dw_etl_runs WHERE id = $1`, [
            runId
          ])
          return row === undefined ? undefined : toRunRow(row)
        })
      ),
    group: (groupId) =>
      provide(
        withWarehouse("reading a run group", async (db) =>
          (
            await db.query<Record<string, unknown>>(
              `SELECT ${runColumns} FROM dw_etl_runs WHERE group_id = $1 ORDER BY id`,
              [groupId]
            )
          ).map(toRunRow)
        )
      ),
    lastSuccess: (jobId, instanceId, modes) =>
      provide(
        withWarehouse("reading the job's last successful run", async (db) => {
          const [row] = await db.query<Record<string, unknown>>(
            `SELECT ${runColumns} FROM dw_etl_runs
             WHERE job_id = $1 AND source_instance_id = $2 AND run_status = 'success'
               AND run_context->>'mode' = ANY($3::text[])
             ORDER BY started_at DESC, id DESC LIMIT 1`,
            [jobId, instanceId, modes]
          )
          return row === undefined ? undefined : toRunRow(row)
        })
      )
  }
  return shape
})

/**
 * The run log service.
 *
 * @example
 * ```ts
 * const history = Effect.gen(function* () {
 *   const runs = yield* RunLog
 *   return yield* runs.get(42)
 * }).pipe(Effect.provide(RunLog.layer), Effect.provide(WarehouseService.fromWarehouse(warehouse)))
 * ```
 */
export class RunLog extends Context.Tag("@trialsync/etl-core/RunLog")<RunLog, RunLogShape>() {
  /** Over the warehouse service. */
  static readonly layer: Layer.Layer<RunLog, never, WarehouseService> = Layer.effect(RunLog, make)
}
