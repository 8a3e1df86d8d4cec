/**
 * The run log: `dw_etl_runs` (one row per job execution, checkpoints in `run_context`) and the
 * `last_run_*` columns of `dw_etl_jobs` that operators' queries read (docs/design.md §5).
 * Times come from Effect's `Clock`, so tests can drive them with `TestClock`.
 */
import {
  endOrphanRuns,
  findRun,
  finishRun,
  insertRetryRun,
  insertRun,
  lastSuccessfulRun,
  type RunStatus,
  runsOfGroup,
  type Warehouse
} from "@trialsync/warehouse"
import { Clock, Context, Effect, Layer } from "effect"
import type { WarehouseError } from "../engine/errors.js"
import type { RunContext } from "../engine/types.js"
import { currentOwner, type DeadRun, failDeadRuns } from "./run-owner.js"
import type { RunRow } from "./run-rows.js"
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

const make = Effect.gen(function* () {
  const warehouse = yield* WarehouseService
  const call = <A>(operation: string, run: (db: Warehouse) => Promise<A>) =>
    Effect.provideService(withWarehouse(operation, run), WarehouseService, warehouse)
  const now = Effect.map(Clock.currentTimeMillis, (millis) => new Date(millis))

  const shape: RunLogShape = {
    start: (run) =>
      Effect.flatMap(now, (startedAt) =>
        call("starting a run", (db) =>
          insertRun<RunContext>(db, {
            jobId: run.jobId,
            groupId: run.groupId,
            instanceId: run.instanceId,
            trigger: run.trigger,
            context: { ...run.context, owner: currentOwner() },
            startedAt,
            partitionsTotal: run.partitionsTotal ?? 0
          })
        )
      ),
    retry: (prior) =>
      Effect.flatMap(now, (startedAt) =>
        call("starting a retry run", (db) =>
          db.transaction((tx) =>
            insertRetryRun<RunContext>(tx, { priorId: prior.id, owner: currentOwner(), startedAt })
          )
        )
      ),
    failDead: () => Effect.flatMap(now, (at) => call("ending runs whose process died", (db) => failDeadRuns(db, at))),
    abandon: (orphan) =>
      Effect.flatMap(now, (at) =>
        call("ending a run whose start was cut off", (db) =>
          endOrphanRuns<RunContext>(db, { ...orphan, ownerToken: currentOwner().token, at })
        )
      ),
    finish: (runId, end) =>
      Effect.flatMap(now, (completedAt) =>
        call("finishing a run", (db) =>
          finishRun<RunContext>(db, runId, {
            status: end.status,
            error: end.error ?? null,
            watermark: end.watermark ?? null,
            elapsedMs: end.elapsedMs,
            completedAt
          })
        )
      ),
    get: (runId) => call("reading a run", (db) => findRun<RunContext>(db, runId)),
    group: (groupId) => call("reading a run group", (db) => runsOfGroup<RunContext>(db, groupId)),
    lastSuccess: (jobId, instanceId, modes) =>
      call("reading the job's last successful run", (db) =>
        lastSuccessfulRun<RunContext>(db, { jobId, instanceId, modes })
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
