/**
 * The Type-1 merge: one row per business key, overwritten in place when its row hash or its
 * deletion state changes; new keys are inserted; in full mode, keys that vanished from staging
 * are marked deleted. Only inserted keys go to `ts_chg_<table>`: an overwrite keeps the
 * surrogate key, so facts pointing at it stay right, but a new key may resolve facts that
 * arrived before their dimension row did.
 */
import { countOf, type StepContext } from "../context.js"
import { type DimensionSpec, finishMerge, startMerge, storedHash } from "./dimension-spec.js"

export const mergeType1Dimension = async (ctx: StepContext, spec: DimensionSpec): Promise<number> => {
  const start = await startMerge(ctx, spec)
  if (start === undefined) return 0
  const { table } = spec
  const { bk, changed, columns, stamp } = start

  const updated = await countOf(
    ctx,
    `WITH updated AS (
  UPDATE ${table} AS d
  SET ${columns.map((column) => `${column} = src.${column}`).join(", ")}, row_hash = src.row_hash,
      is_deleted = src.is_deleted, ${stamp}
  FROM ts_src AS src
  WHERE d.source_instance_id = src.source_instance_id AND d.${bk} = src.bk
    AND (${storedHash(ctx, columns)} <> src.row_hash OR d.is_deleted <> src.is_deleted)
  RETURNING 1
) SELECT count(*)::int AS n FROM updated`
  )

  const inserted = await countOf(
    ctx,
    `WITH inserted AS (
  INSERT INTO ${table} (source_instance_id, ${bk}, ${columns.join(", ")}, row_hash, is_deleted, etl_load_date, transformation_run_id)
  SELECT src.source_instance_id, src.bk, ${columns.map((column) => `src.${column}`).join(", ")}, src.row_hash,
         false, ${ctx.sql.loadDate}, ${ctx.sql.runId}
  FROM ts_src AS src
  WHERE NOT src.is_deleted AND NOT EXISTS (
    SELECT 1 FROM ${table} AS d WHERE d.source_instance_id = src.source_instance_id AND d.${bk} = src.bk
  )
  RETURNING source_instance_id, ${bk}, '-infinity'::timestamptz
), kept AS (INSERT INTO ${changed} SELECT * FROM inserted RETURNING 1)
SELECT count(*)::int AS n FROM kept`
  )

  const vanished =
    ctx.mode === "full"
      ? await countOf(
          ctx,
          `WITH gone AS (
  UPDATE ${table} AS d SET is_deleted = true, ${stamp}
  WHERE NOT d.is_deleted AND NOT EXISTS (
    SELECT 1 FROM ts_src AS src WHERE src.source_instance_id = d.source_instance_id AND src.bk = d.${bk}
  )
  RETURNING 1
) SELECT count(*)::int AS n FROM gone`
        )
      : 0

  await finishMerge(ctx, changed, inserted)
  return updated + inserted + vanished
}
