/**
 * `dw_etl_runs`: one row per execution of a job, its checkpoint in `run_context`, and the
 * `last_run_*` columns of `dw_etl_jobs` kept in step with it. Each write that starts or ends a
 * run is one statement (or one transaction), so the database dropping the connection between
 * two statements cannot leave a `running` row without its job's last run pointing at it.
 */
import type { RunStatus } from "../schema/control.js"
import type { ControlSql } from "./sql.js"

/** What a run did, as its row counts it. */
export interface RunCounts {
  readonly inserted: number
  readonly updated: number
  readonly unchanged: number
  readonly deleted: number
  readonly pages: number
  /** API calls the job committed (one per page or per parent; the client's retries not counted). */
  readonly requests: number
  readonly partitionsTotal: number
  readonly partitionsDone: number
  readonly partitionsFailed: number
  readonly partitionsSkipped: number
}

/** A run as stored; `Context` is the engine's type of `run_context`. */
export interface RunRecord<Context = unknown> extends RunCounts {
  readonly id: number
  readonly jobId: number
  readonly groupId: string | null
  readonly sourceInstanceId: number | null
  readonly status: RunStatus
  readonly trigger: string
  readonly attempt: number
  readonly context: Context | null
  readonly startedAt: Date
  readonly completedAt: Date | null
  readonly durationMs: number | null
  readonly watermark: string | null
  readonly errorMessage: string | null
}

const runColumns = `id, job_id, group_id, source_instance_id, run_status, trigger, attempt, run_context, started_at,
  completed_at, duration_ms, records_inserted, records_updated, records_unchanged, records_deleted, pages, requests,
  partitions_total, partitions_done, partitions_failed, partitions_skipped, watermark, error_message`

const toNumber = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value))
const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)))

/** The counters of a `dw_etl_runs` row read with its own column names. */
export const runCountsOf = (row: Record<string, unknown>): RunCounts => ({
  inserted: toNumber(row.records_inserted),
  updated: toNumber(row.records_updated),
  unchanged: toNumber(row.records_unchanged),
  deleted: toNumber(row.records_deleted),
  pages: toNumber(row.pages),
  requests: toNumber(row.requests),
  partitionsTotal: toNumber(row.partitions_total),
  partitionsDone: toNumber(row.partitions_done),
  partitionsFailed: toNumber(row.partitions_failed),
  partitionsSkipped: toNumber(row.partitions_skipped)
})

const toRunRecord = <Context>(row: Record<string, unknown>): RunRecord<Context> => ({
  id: toNumber(row.id),
  jobId: toNumber(row.job_id),
  groupId: (row.group_id as string | null) ?? null,
  sourceInstanceId: row.source_instance_id === null ? null : toNumber(row.source_instance_id),
  status: row.run_status as RunStatus,
  trigger: String(row.trigger),
  attempt: toNumber(row.attempt),
  context: (row.run_context as Context | null) ?? null,
  startedAt: toDate(row.started_at),
  completedAt: row.completed_at === null || row.completed_at === undefined ? null : toDate(row.completed_at),
  durationMs: row.duration_ms === null ? null : toNumber(row.duration_ms),
  ...runCountsOf(row),
  watermark: (row.watermark as string | null) ?? null,
  errorMessage: (row.error_message as string | null) ?? null
})

const many = async <Context>(db: ControlSql, sql: string, params: ReadonlyArray<unknown>) =>
  (await db.query<Record<string, unknown>>(sql, params)).map((row) => toRunRecord<Context>(row))

const one = async <Context>(operation: string, db: ControlSql, sql: string, params: ReadonlyArray<unknown>) => {
  const [row] = await many<Context>(db, sql, params)
  if (row === undefined) throw new Error(`${operation}: no row returned`)
  return row
}

/** A CTE pointing `dw_etl_jobs.last_run_*` at the run rows of CTE `r` (`records`: SQL over `r`, or NULL). */
const jobLastFromRuns = (records: string) => `job_last AS (
  UPDATE dw_etl_jobs AS j SET last_run_id = r.id, last_run_status = r.run_status,
    last_run_records = coalesce(${records}, j.last_run_records),
    last_run_at = coalesce(r.completed_at, r.started_at), updated_at = now()
  FROM r WHERE j.id = r.job_id RETURNING j.id
)`

/** A run about to start. */
export interface NewRunRecord {
  readonly jobId: number
  readonly groupId: string
  readonly instanceId: number
  readonly trigger: string
  /** The whole `run_context`, owner included. */
  readonly context: unknown
  readonly startedAt: Date
  readonly partitionsTotal: number
}

/**
 * Inserts a `running` row and points its job's last run at it, in one statement.
 *
 * @example
 * ```ts
 * const run = await insertRun(warehouse, { jobId: 2, groupId, instanceId: 1, trigger: "cli", context, startedAt: new Date(), partitionsTotal: 0 })
 * ```
 */
export const insertRun = <Context>(db: ControlSql, run: NewRunRecord): Promise<RunRecord<Context>> =>
  one<Context>(
    "starting a run",
    db,
    `WITH r AS (
       INSERT INTO dw_etl_runs
         (job_id, group_id, source_instance_id, run_status, trigger, run_context, started_at, partitions_total)
       VALUES ($1, $2, $3, 'running', $4, $5::jsonb, $6, $7) RETURNING ${runColumns}
     ), ${jobLastFromRuns("NULL")}
     SELECT * FROM r`,
    [
      run.jobId,
      run.groupId,
      run.instanceId,
      run.trigger,
      JSON.stringify(run.context),
      run.startedAt,
      run.partitionsTotal
    ]
  )

/**
 * In the caller's transaction: a new `running` row continuing run `priorId` (`retry_of`, attempt
 * + 1, its checkpoint and group, counters from zero, `owner` replacing the owner in its context);
 * the prior run's seen keys and partition rows move to it; the job's last run points at it. The
 * prior row keeps its status and error.
 */
export const insertRetryRun = async <Context>(
  tx: ControlSql,
  retry: { readonly priorId: number; readonly owner: unknown; readonly startedAt: Date }
): Promise<RunRecord<Context>> => {
  const next = await one<Context>(
    `starting a retry of run ${retry.priorId}`,
    tx,
    `WITH r AS (
       INSERT INTO dw_etl_runs
         (job_id, group_id, source_instance_id, run_status, trigger, run_context, started_at,
          partitions_total, attempt, retry_of)
       SELECT job_id, group_id, source_instance_id, 'running', trigger,
         jsonb_set(coalesce(run_context, '{}'::jsonb) - 'warnings', '{owner}', $2::jsonb, true), $3,
         partitions_total, attempt + 1, id
       FROM dw_etl_runs WHERE id = $1 RETURNING ${runColumns}
     ), ${jobLastFromRuns("NULL")}
     SELECT * FROM r`,
    [retry.priorId, JSON.stringify(retry.owner), retry.startedAt]
  )
  await tx.query("UPDATE dw_etl_seen_keys SET run_id = $2 WHERE run_id = $1", [retry.priorId, next.id])
  await tx.query("UPDATE dw_etl_partitions SET run_id = $2 WHERE run_id = $1", [retry.priorId, next.id])
  return next
}

/** How a run ended. */
export interface RunEndRecord {
  readonly status: RunStatus
  readonly error: string | null
  readonly watermark: string | null
  /** Milliseconds this attempt worked, added to the row's while it is `running`. */
  readonly elapsedMs: number
  readonly completedAt: Date
}

/**
 * Ends a run: status, counters totalled, partition counts from `dw_etl_partitions`, the job's
 * last run, in one statement. Idempotent, so a caller may retry it after a dropped connection.
 */
export const finishRun = <Context>(db: ControlSql, runId: number, end: RunEndRecord): Promise<RunRecord<Context>> =>
  one<Context>(
    `finishing run ${runId}`,
    db,
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
     ), ${jobLastFromRuns("r.records_inserted + r.records_updated + r.records_unchanged")}
     SELECT * FROM r`,
    [runId, end.status, end.completedAt, Math.max(0, Math.round(end.elapsedMs)), end.error, end.watermark]
  )

/**
 * Ends the `running` rows of a job in a group whose owner has `ownerToken` (and the job's last
 * run, if it is one of them): the rows of starts whose reply never reached the caller.
 */
export const endOrphanRuns = <Context>(
  db: ControlSql,
  orphan: {
    readonly groupId: string
    readonly jobId: number
    readonly ownerToken: string
    readonly status: RunStatus
    readonly error: string | null
    readonly at: Date
  }
): Promise<ReadonlyArray<RunRecord<Context>>> =>
  many<Context>(
    db,
    `WITH r AS (
       UPDATE dw_etl_runs SET run_status = $4, error_message = $5, completed_at = $6,
         records_loaded = records_inserted + records_updated + records_unchanged
       WHERE group_id = $1 AND job_id = $2 AND run_status = 'running' AND run_context->'owner'->>'token' = $3
       RETURNING ${runColumns}
     ), job_last AS (
       UPDATE dw_etl_jobs AS j SET last_run_status = r.run_status, last_run_at = r.completed_at, updated_at = now()
       FROM r WHERE j.id = r.job_id AND j.last_run_id = r.id RETURNING j.id
     )
     SELECT * FROM r ORDER BY id`,
    [orphan.groupId, orphan.jobId, orphan.ownerToken, orphan.status, orphan.error, orphan.at]
  )

/** The `running` rows that record an owner, oldest first (candidates for dead-run detection). */
export const runningRunsWithOwner = <Context>(db: ControlSql): Promise<ReadonlyArray<RunRecord<Context>>> =>
  many<Context>(
    db,
    `SELECT ${runColumns} FROM dw_etl_runs WHERE run_status = 'running' AND run_context ? 'owner' ORDER BY id`,
    []
  )

/**
 * Ends a `running` run `failed` with `message`, keeping its checkpoint, and its job's last run
 * if it pointed at it; `false` when the run was no longer running.
 */
export const failRunningRun = async (
  db: ControlSql,
  run: { readonly runId: number; readonly jobId: number; readonly message: string; readonly at: Date }
): Promise<boolean> => {
  const ended = await db.query(
    `WITH r AS (
       UPDATE dw_etl_runs SET run_status = 'failed', error_message = $2, completed_at = $3,
         records_loaded = records_inserted + records_updated + records_unchanged
       WHERE id = $1 AND run_status = 'running' RETURNING id, job_id
     ), job_last AS (
       UPDATE dw_etl_jobs AS j SET last_run_status = 'failed', last_run_at = $3, updated_at = now()
       FROM r WHERE j.id = r.job_id AND j.last_run_id = r.id RETURNING j.id
     )
     SELECT id FROM r`,
    [run.runId, run.message, run.at]
  )
  return ended.length > 0
}

/**
 * The latest `running` run of a job on an instance: whom a refused second run names (the holder
 * of the job's run lock), or undefined.
 */
export const runningRunOf = async <Context>(
  db: ControlSql,
  scope: { readonly jobId: number; readonly instanceId: number }
): Promise<RunRecord<Context> | undefined> =>
  (
    await many<Context>(
      db,
      `SELECT ${runColumns} FROM dw_etl_runs
       WHERE job_id = $1 AND source_instance_id = $2 AND run_status = 'running' ORDER BY id DESC LIMIT 1`,
      [scope.jobId, scope.instanceId]
    )
  )[0]

/** One run, or undefined. */
export const findRun = async <Context>(db: ControlSql, runId: number): Promise<RunRecord<Context> | undefined> =>
  (await many<Context>(db, `SELECT ${runColumns} FROM dw_etl_runs WHERE id = $1`, [runId]))[0]

/** Every run of a group, oldest first. */
export const runsOfGroup = <Context>(db: ControlSql, groupId: string): Promise<ReadonlyArray<RunRecord<Context>>> =>
  many<Context>(db, `SELECT ${runColumns} FROM dw_etl_runs WHERE group_id = $1 ORDER BY id`, [groupId])

/** The latest successful run of a job on an instance whose `run_context.mode` is one of `modes`. */
export const lastSuccessfulRun = async <Context>(
  db: ControlSql,
  scope: { readonly jobId: number; readonly instanceId: number; readonly modes: ReadonlyArray<string> }
): Promise<RunRecord<Context> | undefined> =>
  (
    await many<Context>(
      db,
      `SELECT ${runColumns} FROM dw_etl_runs
       WHERE job_id = $1 AND source_instance_id = $2 AND run_status = 'success' AND run_context->>'mode' = ANY($3::text[])
       ORDER BY started_at DESC, id DESC LIMIT 1`,
      [scope.jobId, scope.instanceId, scope.modes]
    )
  )[0]

/** What one commit adds to a run's counters. */
export interface RunProgress {
  readonly inserted?: number
  readonly updated?: number
  readonly unchanged?: number
  readonly deleted?: number
  readonly pages?: number
  readonly requests?: number
  readonly partitionsDone?: number
  readonly partitionsFailed?: number
  readonly partitionsSkipped?: number
}

/**
 * Adds `delta` to a run's counters and, when given, replaces one key of its `run_context` (the
 * checkpoint), in the caller's transaction, so a page's rows and its checkpoint commit together.
 */
export const addRunProgress = async (
  tx: ControlSql,
  runId: number,
  delta: RunProgress,
  context?: { readonly key: string; readonly value: unknown }
): Promise<void> => {
  const params: Array<unknown> = [
    runId,
    delta.inserted ?? 0,
    delta.updated ?? 0,
    delta.unchanged ?? 0,
    delta.deleted ?? 0,
    delta.pages ?? 0,
    delta.requests ?? 0,
    delta.partitionsDone ?? 0,
    delta.partitionsFailed ?? 0,
    delta.partitionsSkipped ?? 0
  ]
  let contextSql = ""
  if (context !== undefined) {
    params.push(`{${context.key}}`, JSON.stringify(context.value))
    contextSql = ", run_context = jsonb_set(coalesce(run_context, '{}'::jsonb), $11::text[], $12::jsonb, true)"
  }
  await tx.query(
    `UPDATE dw_etl_runs SET records_inserted = records_inserted + $2, records_updated = records_updated + $3,
       records_unchanged = records_unchanged + $4, records_deleted = records_deleted + $5, pages = pages + $6,
       requests = requests + $7, partitions_done = partitions_done + $8, partitions_failed = partitions_failed + $9,
       partitions_skipped = partitions_skipped + $10${contextSql}
     WHERE id = $1`,
    params
  )
}
