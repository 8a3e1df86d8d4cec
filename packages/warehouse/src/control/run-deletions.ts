/**
 * The engine's notes on a `dw_etl_runs` row besides its progress counters: rows it deleted
 * outside a batch, and the warnings of deletions it did not mark (`run_context.warnings`).
 */
import type { ControlSql } from "./sql.js"

/** Warnings kept per run (a fan-out could otherwise record one per parent). */
export const maxRunWarnings = 20

/** Adds `deleted` to the run's `records_deleted`. */
export const addRunDeletedRecords = async (sql: ControlSql, runId: number, deleted: number): Promise<void> => {
  await sql.query("UPDATE dw_etl_runs SET records_deleted = records_deleted + $2 WHERE id = $1", [runId, deleted])
}

/** Appends a warning to the run's `run_context.warnings`, unless it holds {@link maxRunWarnings} already. */
export const addRunWarning = async (sql: ControlSql, runId: number, warning: string): Promise<void> => {
  await sql.query(
    `UPDATE dw_etl_runs SET run_context = jsonb_set(coalesce(run_context, '{}'::jsonb), '{warnings}',
       coalesce(run_context->'warnings', '[]'::jsonb) || jsonb_build_array($2::text), true)
     WHERE id = $1 AND jsonb_array_length(coalesce(run_context->'warnings', '[]'::jsonb)) < $3`,
    [runId, warning, maxRunWarnings]
  )
}
