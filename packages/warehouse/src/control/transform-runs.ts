/**
 * `dw_transformation_runs`: one row per Bronze -> Silver -> Gold transformation. The engine
 * inserts it `running` before any work, stamps it with its watermark (and the row counts and Gold
 * outcome it published) inside the data transaction, so the watermark exists exactly when the
 * data was committed, and finishes it with status, timings and the quality outcome. The next
 * incremental transformation continues from the latest stamped row.
 */
import type { ControlSql } from "./sql.js"

/** A transformation's mode, as `dw_transformation_runs.mode` stores it. */
export type TransformRunMode = "incremental" | "full"

/** The row `startTransformRun` inserted. */
export interface StartedTransformRun {
  readonly id: number
  /** The database clock when the row was inserted (`started_at`). */
  readonly startedAt: Date
}

/** What `markTransformCommitted` stamps into a run's `stats`. */
export interface CommittedTransformStamp {
  /** Where the next incremental transformation starts reading staging rows. */
  readonly watermark: Date
  /** The engine's version of Silver's definitions; only a run of the same version is continued from. */
  readonly transformVersion: string
  /** What happened to Gold. */
  readonly gold: { readonly refreshed: boolean; readonly message: string }
  /** Silver changed but Gold was not refreshed: the next transformation refreshes it. */
  readonly goldPending: boolean
  /** Live rows per staging table: the next run's `row_count_drop` baseline. */
  readonly rowCounts: Readonly<Record<string, number>>
}

/** One line of a transformation's per-table report, as stored under `stats.layers`. */
export interface TransformRunLayer {
  readonly layer: string
  readonly table: string
  readonly rowsWritten: number
  readonly ms: number
}

/** What `finishTransformRun` records. */
export interface FinishedTransformRun {
  readonly status: "success" | "failed"
  readonly durationMs: number
  /** Stored under `stats.layers`; their `rowsWritten` summed under `stats.rowsWritten`. */
  readonly layers: ReadonlyArray<TransformRunLayer>
  /** One line per failed blocking check (`stats.qualityFailed`). */
  readonly qualityFailed: ReadonlyArray<string>
  /** One line per failed warning check (`stats.qualityWarnings`). */
  readonly qualityWarnings: ReadonlyArray<string>
  readonly errorMessage?: string | undefined
}

/** The committed transformation an incremental one continues from. */
export interface CommittedTransformRun {
  readonly id: number
  readonly watermark: Date
  /** That run changed Silver but a blocking check kept Gold from being refreshed. */
  readonly goldPending: boolean
}

const toDate = (value: unknown): Date | undefined =>
  value === null || value === undefined ? undefined : value instanceof Date ? value : new Date(String(value))

/**
 * Inserts a transformation's row as `running`; `since` is the watermark it reads from
 * (undefined in full mode).
 *
 * @example
 * ```ts
 * const run = await startTransformRun(warehouse, { mode: "full", since: undefined })
 * ```
 */
export const startTransformRun = async (
  db: ControlSql,
  input: { readonly mode: TransformRunMode; readonly since: Date | undefined }
): Promise<StartedTransformRun> => {
  const [row] = await db.query<{ id: number; started_at: Date | string }>(
    `INSERT INTO dw_transformation_runs (mode, run_status, since_timestamp) VALUES ($1, 'running', $2::timestamptz)
RETURNING id, started_at`,
    [input.mode, input.since?.toISOString() ?? null]
  )
  if (row === undefined) throw new Error("dw_transformation_runs returned no row")
  return { id: row.id, startedAt: new Date(row.started_at) }
}

/**
 * Stamps a run with its watermark, version, Gold outcome and row counts. Call it inside the
 * transaction that commits the run's data: from its commit on, this run is where the next
 * incremental one starts.
 *
 * @example
 * ```ts
 * await warehouse.transaction(async (tx) => {
 *   // ... merge Silver, run the checks, refresh Gold ...
 *   await markTransformCommitted(tx, run.id, { watermark, transformVersion: "2", gold, goldPending: false, rowCounts })
 * })
 * ```
 */
export const markTransformCommitted = async (
  tx: ControlSql,
  runId: number,
  stamp: CommittedTransformStamp
): Promise<void> => {
  await tx.query(
    `UPDATE dw_transformation_runs
SET stats = coalesce(stats, '{}'::jsonb) || jsonb_build_object('watermark', $2::text, 'transformVersion', $3::text,
  'gold', $4::jsonb, 'goldPending', $5::boolean, 'rowCounts', $6::jsonb)
WHERE id = $1`,
    [
      runId,
      stamp.watermark.toISOString(),
      stamp.transformVersion,
      JSON.stringify({ refreshed: stamp.gold.refreshed, message: stamp.gold.message }),
      stamp.goldPending,
      JSON.stringify(stamp.rowCounts)
    ]
  )
}

/**
 * Finishes a run: status, completion time (the database clock), duration, error message, and the
 * per-table layers and quality lines merged into its `stats`.
 *
 * @example
 * ```ts
 * await finishTransformRun(warehouse, run.id, {
 *   status: "success", durationMs: 1200, layers, qualityFailed: [], qualityWarnings: []
 * })
 * ```
 */
export const finishTransformRun = async (
  db: ControlSql,
  runId: number,
  outcome: FinishedTransformRun
): Promise<void> => {
  await db.query(
    `UPDATE dw_transformation_runs
SET run_status = $2, completed_at = now(), duration_ms = $3, error_message = $4,
    stats = coalesce(stats, '{}'::jsonb) || jsonb_build_object('layers', $5::jsonb, 'qualityFailed', $6::jsonb,
      'rowsWritten', $7::int, 'qualityWarnings', $8::jsonb)
WHERE id = $1`,
    [
      runId,
      outcome.status,
      outcome.durationMs,
      outcome.errorMessage ?? null,
      JSON.stringify(outcome.layers),
      JSON.stringify(outcome.qualityFailed),
      outcome.layers.reduce((sum, layer) => sum + layer.rowsWritten, 0),
      JSON.stringify(outcome.qualityWarnings)
    ]
  )
}

/**
 * The committed transformation of `transformVersion` with the latest watermark (ties: the latest
 * id); undefined when there is none.
 *
 * @example
 * ```ts
 * const previous = await latestCommittedTransformRun(warehouse, "2")
 * const since = previous?.watermark // undefined: run in full
 * ```
 */
export const latestCommittedTransformRun = async (
  db: ControlSql,
  transformVersion: string
): Promise<CommittedTransformRun | undefined> => {
  const [row] = await db.query<{ id: number; watermark: unknown; gold_pending: boolean | null }>(
    `SELECT id, (stats->>'watermark')::timestamptz AS watermark, (stats->>'goldPending')::boolean AS gold_pending
FROM dw_transformation_runs
WHERE stats->>'transformVersion' = $1 AND stats ? 'watermark'
ORDER BY (stats->>'watermark')::timestamptz DESC, id DESC LIMIT 1`,
    [transformVersion]
  )
  const watermark = toDate(row?.watermark)
  if (row === undefined || watermark === undefined) return undefined
  return { id: row.id, watermark, goldPending: row.gold_pending === true }
}

/**
 * Live rows per staging table as the latest committed transformation (of any version) recorded
 * them; undefined before the first one.
 *
 * @example
 * ```ts
 * const baseline = await latestTransformRowCounts(tx) // e.g. { dim_studies_staging: 1050, ... }
 * ```
 */
export const latestTransformRowCounts = async (
  db: ControlSql
): Promise<Readonly<Record<string, number>> | undefined> => {
  const [row] = await db.query<{ counts: Record<string, number> | string | null }>(
    `SELECT stats->'rowCounts' AS counts FROM dw_transformation_runs
WHERE stats ? 'watermark' AND stats ? 'rowCounts'
ORDER BY (stats->>'watermark')::timestamptz DESC, id DESC LIMIT 1`
  )
  const counts = row?.counts
  if (counts === null || counts === undefined) return undefined
  return typeof counts === "string" ? (JSON.parse(counts) as Record<string, number>) : counts
}
