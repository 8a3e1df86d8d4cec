/**
 * The transformation's row in `dw_transformation_runs`: inserted `running` before any work,
 * stamped with its watermark inside the data transaction (so the watermark exists exactly when
 * the data was committed), and finished with status, timings and the quality outcome.
 */
import type { Warehouse, WarehouseTx } from "@trialsync/warehouse"
import type { GoldOutcome, QualityCheckResult, TransformLayerStat, TransformMode } from "./types.js"
import { transformVersion } from "./watermark.js"

export interface StartedRun {
  readonly id: number
  readonly startedAt: Date
}

export const startRun = async (
  warehouse: Pick<Warehouse, "query">,
  mode: TransformMode,
  since: Date | undefined
): Promise<StartedRun> => {
  const [row] = await warehouse.query<{ id: number; started_at: Date | string }>(
    `INSERT INTO dw_transformation_runs (mode, run_status, since_timestamp) VALUES ($1, 'running', $2::timestamptz)
RETURNING id, started_at`,
    [mode, since?.toISOString() ?? null]
  )
  if (row === undefined) throw new Error("dw_transformation_runs returned no row")
  return { id: row.id, startedAt: new Date(row.started_at) }
}

/** Inside the data transaction: from now on, this run's watermark is where the next one starts. */
export const markCommitted = async (
  tx: WarehouseTx,
  runId: number,
  watermark: Date,
  published: {
    readonly gold: GoldOutcome & { readonly pending: boolean }
    readonly rowCounts: Readonly<Record<string, number>>
  }
): Promise<void> => {
  await tx.query(
    `UPDATE dw_transformation_runs
SET stats = coalesce(stats, '{}'::jsonb) || jsonb_build_object('watermark', $2::text, 'transformVersion', $3::text,
  'gold', $4::jsonb, 'goldPending', $5::boolean, 'rowCounts', $6::jsonb)
WHERE id = $1`,
    [
      runId,
      watermark.toISOString(),
      transformVersion,
      JSON.stringify({ refreshed: published.gold.refreshed, message: published.gold.message }),
      published.gold.pending,
      JSON.stringify(published.rowCounts)
    ]
  )
}

export const finishRun = async (
  warehouse: Pick<Warehouse, "query">,
  runId: number,
  outcome: {
    readonly status: "success" | "failed"
    readonly durationMs: number
    readonly layers: ReadonlyArray<TransformLayerStat>
    readonly quality: ReadonlyArray<QualityCheckResult>
    readonly errorMessage?: string
  }
): Promise<void> => {
  const failedChecks = outcome.quality.filter((result) => !result.passed && result.severity === "blocking")
  const warnings = outcome.quality.filter((result) => !result.passed && result.severity === "warning")
  await warehouse.query(
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
      JSON.stringify(failedChecks.map((result) => `${result.check} (${result.table}): ${result.failedCount}`)),
      outcome.layers.reduce((sum, layer) => sum + layer.rowsWritten, 0),
      JSON.stringify(
        warnings.map((result) => `${result.check} (${result.table}): ${result.sampleKeys[0] ?? result.failedCount}`)
      )
    ]
  )
}
