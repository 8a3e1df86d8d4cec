/**
 * The Type-2 merge, set-based (three statements, whatever the row count):
 *
 * 1. close: a current version whose source row was deleted, or whose tracked attributes changed
 *    (row hash), gets `effective_end_date` = the staging row's change time and `is_current`
 *    false; a deletion also sets `is_deleted`.
 * 2. open: a live source row without a current version (new, changed, or re-inserted after a
 *    deletion) gets a version from its change time (from 1900-01-01 for a key's first version,
 *    so facts dated before the first load find it) to 9999-12-31.
 * 3. full mode only: a current version whose key vanished from staging altogether is closed as
 *    deleted.
 *
 * Unchanged rows are never written, so running the transform twice changes nothing. Keys that
 * got a new version are kept in `ts_chg_<table>` with its start: facts of those keys dated at or
 * after it are re-derived, since they now fall into the new version. (Closing a version moves no
 * lookup: facts find "the latest version that started at or before the event".)
 */
import { beginningOfTime } from "@trialsync/warehouse"
import { countOf, type StepContext } from "../context.js"
import { type DimensionSpec, finishMerge, startMerge, storedHash } from "./dimension-spec.js"

export const mergeScd2Dimension = async (ctx: StepContext, spec: DimensionSpec): Promise<number> => {
  const start = await startMerge(ctx, spec)
  if (start === undefined) return 0
  const { table } = spec
  const { bk, changed, columns, stamp } = start

  const closed = await countOf(
    ctx,
    `WITH closed AS (
  UPDATE ${table} AS d
  SET is_current = false, is_deleted = src.is_deleted,
      effective_end_date = greatest(src.changed_at, d.effective_start_date), ${stamp}
  FROM ts_src AS src
  WHERE d.source_instance_id = src.source_instance_id AND d.${bk} = src.bk AND d.is_current
    AND (src.is_deleted OR ${storedHash(ctx, columns)} <> src.row_hash)
  RETURNING 1
) SELECT count(*)::int AS n FROM closed`
  )

  const opened = await countOf(
    ctx,
    `WITH opened AS (
  INSERT INTO ${table} (source_instance_id, ${bk}, ${columns.join(", ")}, row_hash,
                        effective_start_date, is_current, is_deleted, etl_load_date, transformation_run_id)
  SELECT src.source_instance_id, src.bk, ${columns.map((column) => `src.${column}`).join(", ")}, src.row_hash,
         CASE WHEN prev.last_end IS NULL THEN '${beginningOfTime}'::timestamptz
              ELSE greatest(src.changed_at, prev.last_end) END,
         true, false, ${ctx.sql.loadDate}, ${ctx.sql.runId}
  FROM ts_src AS src
  LEFT JOIN LATERAL (
    SELECT max(d.effective_end_date) AS last_end FROM ${table} AS d
    WHERE d.source_instance_id = src.source_instance_id AND d.${bk} = src.bk
  ) AS prev ON true
  WHERE NOT src.is_deleted AND NOT EXISTS (
    SELECT 1 FROM ${table} AS d WHERE d.source_instance_id = src.source_instance_id AND d.${bk} = src.bk AND d.is_current
  )
  RETURNING source_instance_id, ${bk}, effective_start_date
), kept AS (INSERT INTO ${changed} SELECT * FROM opened RETURNING 1)
SELECT count(*)::int AS n FROM kept`
  )

  const vanished =
    ctx.mode === "full"
      ? await countOf(
          ctx,
          `WITH gone AS (
  UPDATE ${table} AS d
  SET is_current = false, is_deleted = true, effective_end_date = greatest(${ctx.sql.loadDate}, d.effective_start_date), ${stamp}
  WHERE d.is_current AND NOT EXISTS (
    SELECT 1 FROM ts_src AS src WHERE src.source_instance_id = d.source_instance_id AND src.bk = d.${bk}
  )
  RETURNING 1
) SELECT count(*)::int AS n FROM gone`
        )
      : 0

  await finishMerge(ctx, changed, opened)
  return closed + opened + vanished
}
