/**
 * How a Silver dimension is read from its staging table. The business key is the staging row's
 * `record_key` (the CC `id`/`Id` the loader keyed it by) as a bigint; attributes are SQL over
 * the staging row `s`.
 */
import type { StagingTableName } from "@trialsync/warehouse"
import { changedKeysTable, changedSince, type StepContext } from "../context.js"
import { asBusinessKey, rowHash } from "../sql/json.js"

export interface DimensionSpec {
  readonly kind: "scd2" | "type1"
  readonly table: string
  readonly surrogateKey: string
  readonly businessKey: string
  readonly staging: StagingTableName
  /** `[column, SQL over staging row s]`: every one is tracked (part of the row hash). */
  readonly attributes: ReadonlyArray<readonly [column: string, expression: string]>
}

/** The business key of a staging row of an `id`-keyed table. */
export const businessKeyOf = (alias: string): string => asBusinessKey(`${alias}.record_key`)

/**
 * Creates `ts_src`: the staging rows to merge (changed since the watermark, or all), one per
 * business key, with their attributes, deletion state, change time and row hash. Rows without a
 * usable key are left out (the `staging_rows_without_keys` check reports them).
 */
export const createSourceTable = async (ctx: StepContext, spec: DimensionSpec): Promise<void> => {
  const columns = spec.attributes.map(([column]) => column)
  await ctx.tx.query("DROP TABLE IF EXISTS ts_src")
  await ctx.tx.query(
    `CREATE TEMP TABLE ts_src ON COMMIT DROP AS
SELECT x.*, ${rowHash(columns.map((column) => `x.${column}`))} AS row_hash
FROM (
  SELECT s.source_instance_id, ${businessKeyOf("s")} AS bk, s.is_deleted, s.updated_at AS changed_at,
         ${spec.attributes.map(([column, expression]) => `${expression} AS ${column}`).join(",\n         ")}
  FROM ${spec.staging} AS s
  WHERE ${changedSince(ctx, "s")}
) AS x
WHERE x.bk IS NOT NULL`
  )
  await ctx.tx.query("ANALYZE ts_src")
}

/**
 * What a stored row is compared by: its recorded hash (incremental), or in full mode the hash of
 * what it holds now, so a full transformation also repairs rows edited in place.
 */
export const storedHash = (ctx: StepContext, columns: ReadonlyArray<string>): string =>
  ctx.mode === "full" ? rowHash(columns.map((column) => `d.${column}`)) : "d.row_hash"

/**
 * Incremental mode: whether any staging row of the dimension changed since the watermark (one
 * index probe on the large tables); a dimension with nothing new is skipped outright.
 */
export const hasChanges = async (ctx: StepContext, spec: DimensionSpec): Promise<boolean> => {
  if (ctx.mode === "full") return true
  const [row] = await ctx.tx.query<{ changed: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${spec.staging} AS s WHERE ${changedSince(ctx, "s")}) AS changed`
  )
  return row?.changed === true
}

/**
 * Creates the empty changed-keys table of a dimension: keys whose lookups may now answer
 * differently for events at or after `changed_from` (a version that opened then; `-infinity` for
 * a key that appeared).
 */
export const createChangedKeysTable = async (ctx: StepContext, name: string): Promise<void> => {
  await ctx.tx.query(
    `CREATE TEMP TABLE ${name} (source_instance_id int NOT NULL, bk bigint NOT NULL, changed_from timestamptz NOT NULL) ON COMMIT DROP`
  )
}

/** Statistics for the planner, once a changed-keys table is filled (it joins large facts). */
export const analyzeChangedKeys = async (ctx: StepContext, name: string, rows: number): Promise<void> => {
  if (rows > 0) await ctx.tx.query(`ANALYZE ${name}`)
}

/** What a dimension merge builds its SQL from, once its changed source rows are staged in `ts_src`. */
export interface MergeStart {
  readonly bk: string
  /** The merge's changed-keys table (`ts_chg_<table>`). */
  readonly changed: string
  readonly columns: ReadonlyArray<string>
  /** The lineage assignments every written row gets. */
  readonly stamp: string
}

/**
 * The first steps of both merges: nothing to do when no staging row changed (undefined);
 * otherwise the source rows and the changed-keys table are created.
 */
export const startMerge = async (ctx: StepContext, spec: DimensionSpec): Promise<MergeStart | undefined> => {
  const changed = changedKeysTable(spec.table)
  if (!(await hasChanges(ctx, spec))) {
    ctx.changed.set(changed, 0)
    return undefined
  }
  await createSourceTable(ctx, spec)
  await createChangedKeysTable(ctx, changed)
  return {
    bk: spec.businessKey,
    changed,
    columns: spec.attributes.map(([column]) => column),
    stamp: `etl_load_date = ${ctx.sql.loadDate}, transformation_run_id = ${ctx.sql.runId}`
  }
}

/** The last steps of both merges: the source rows go, the changed keys get statistics. */
export const finishMerge = async (ctx: StepContext, changed: string, changedKeys: number): Promise<void> => {
  await ctx.tx.query("DROP TABLE ts_src")
  await analyzeChangedKeys(ctx, changed, changedKeys)
  ctx.changed.set(changed, changedKeys)
}
