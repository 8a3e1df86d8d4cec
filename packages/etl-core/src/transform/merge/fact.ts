/**
 * The fact merge, set-based: compute the fact rows of a scope (incremental: the scope keys
 * touched since the watermark; full: everything), then update rows whose hash changed, delete
 * rows of the scope that are no longer produced, and insert new ones. Unchanged rows are never
 * written.
 *
 * A fact's *scope* is the key recomputation is done by: usually its grain (one patient visit),
 * but subject status events are recomputed per subject, because each event's previous status
 * and sequence depend on its siblings.
 */
import { changedKeysTable, countOf, propagatedKeysTable, type StepContext } from "../context.js"
import { rowHash } from "../sql/json.js"

export interface CandidateSource {
  /**
   * SELECT of (source_instance_id, scope key); or a function of the keys of the `reads`
   * changed-keys table, grouped by instance (see `factsReferencing`).
   */
  readonly sql: string | ((changed: ReadonlyArray<ChangedKeys>) => string)
  /** A changed-keys table the SELECT reads: skipped when that table is empty this run. */
  readonly reads?: string
}

/** The keys of one instance in a dimension's changed-keys table, and the earliest change. */
export interface ChangedKeys {
  readonly instance: number
  readonly keys: ReadonlyArray<string>
  readonly since: string
}

const changedKeysOf = async (ctx: StepContext, table: string): Promise<ReadonlyArray<ChangedKeys>> =>
  (
    await ctx.tx.query<{ instance: number; keys: ReadonlyArray<string>; since: Date | string }>(
      `SELECT source_instance_id AS instance, array_agg(DISTINCT bk::text) AS keys, min(changed_from) AS since
FROM ${table} GROUP BY source_instance_id`
    )
  ).map((row) => ({
    instance: Number(row.instance),
    keys: row.keys,
    since: row.since instanceof Date ? row.since.toISOString() : String(row.since)
  }))

export interface FactSpec {
  readonly table: string
  /** Columns that identify one row (with source_instance_id). */
  readonly grain: ReadonlyArray<string>
  /** The column recomputation is scoped by. */
  readonly scope: string
  readonly scopeType: "bigint" | "text" | "date"
  /** Columns after source_instance_id, in the order `compute` selects them (grain included). */
  readonly columns: ReadonlyArray<string>
  /** Incremental mode: where scope keys to recompute come from. */
  readonly candidates: (ctx: StepContext) => ReadonlyArray<CandidateSource>
  /** Recompute only the candidates even in full mode (periodic snapshots keep their history). */
  readonly alwaysScoped?: boolean
  /**
   * Columns other facts copy from this one: rows inserted, deleted, or updated in one of them are
   * also kept in `ts_prop_<table>`, which those facts read instead of every change.
   */
  readonly propagates?: ReadonlyArray<string>
  /**
   * SELECT of source_instance_id, ...columns. When `scoped`, it must keep only scope keys in
   * `ts_cand (source_instance_id, k)`.
   */
  readonly compute: (ctx: StepContext, scoped: boolean) => string
}

const matchGrain = (spec: FactSpec, left: string, right: string): string =>
  [
    `${left}.source_instance_id = ${right}.source_instance_id`,
    ...spec.grain.map((c) => `${left}.${c} = ${right}.${c}`)
  ].join(" AND ")

/** Collects the scope keys to recompute into `ts_cand`; returns how many. */
const collectCandidates = async (ctx: StepContext, spec: FactSpec): Promise<number> => {
  await ctx.tx.query(
    `CREATE TEMP TABLE ts_cand (source_instance_id int NOT NULL, k ${spec.scopeType} NOT NULL) ON COMMIT DROP`
  )
  const sources = spec
    .candidates(ctx)
    .filter((source) => source.reads === undefined || (ctx.changed.get(source.reads) ?? 0) > 0)
  if (sources.length === 0) return 0
  const selects: Array<string> = []
  for (const source of sources) {
    if (typeof source.sql === "string") selects.push(source.sql)
    else if (source.reads !== undefined) selects.push(source.sql(await changedKeysOf(ctx, source.reads)))
  }
  const count = await countOf(
    ctx,
    `WITH added AS (
  INSERT INTO ts_cand
  SELECT DISTINCT c.source_instance_id, c.k FROM (
    ${selects.map((select) => `SELECT * FROM (${select}) AS c`).join("\n    UNION ALL\n    ")}
  ) AS c (source_instance_id, k)
  WHERE c.k IS NOT NULL
  -- In key order: rows are then read (and written) in roughly the order they sit on disk.
  ORDER BY c.source_instance_id, c.k
  RETURNING 1
) SELECT count(*)::int AS n FROM added`
  )
  await ctx.tx.query("ANALYZE ts_cand")
  return count
}

export const mergeFact = async (ctx: StepContext, spec: FactSpec): Promise<number> => {
  const { table } = spec
  const changed = changedKeysTable(table)
  const scoped = ctx.mode === "incremental" || spec.alwaysScoped === true
  await ctx.tx.query(
    `CREATE TEMP TABLE ${changed} (source_instance_id int NOT NULL, k ${spec.scopeType} NOT NULL) ON COMMIT DROP`
  )
  ctx.changed.set(changed, 0)
  const propagated = propagatedKeysTable(table)
  if (spec.propagates !== undefined) {
    await ctx.tx.query(
      `CREATE TEMP TABLE ${propagated} (source_instance_id int NOT NULL, k ${spec.scopeType} NOT NULL) ON COMMIT DROP`
    )
    ctx.changed.set(propagated, 0)
  }
  if (scoped && (await collectCandidates(ctx, spec)) === 0) {
    await ctx.tx.query("DROP TABLE ts_cand")
    return 0
  }

  const hashed = spec.columns.map((column) => `n.${column}`)
  await ctx.tx.query(
    `CREATE TEMP TABLE ts_new ON COMMIT DROP AS
SELECT n.*, ${rowHash(hashed)} AS row_hash
FROM (${spec.compute(ctx, scoped)}) AS n (source_instance_id, ${spec.columns.join(", ")})`
  )
  const stamp = `etl_load_date = ${ctx.sql.loadDate}, transformation_run_id = ${ctx.sql.runId}`
  // A full rebuild compares what is stored, not the stored hash, so it also repairs rows that
  // were edited in place; an incremental run trusts the hash it wrote.
  const stored = ctx.mode === "full" ? rowHash(spec.columns.map((column) => `f.${column}`)) : "f.row_hash"
  const inScope = scoped
    ? `USING ts_cand AS c WHERE f.source_instance_id = c.source_instance_id AND f.${spec.scope} = c.k AND`
    : "WHERE"
  // One statement: the three sets are disjoint (changed rows have a new version, removed rows
  // none, new rows no old one), and all of them see the table as it was before.
  // For propagation, the row as it was (`o`, read before this statement) beside its new version.
  const moved =
    spec.propagates === undefined
      ? "false"
      : `ROW(${spec.propagates.map((column) => `o.${column}`).join(", ")}) IS DISTINCT FROM ROW(${spec.propagates
          .map((column) => `n.${column}`)
          .join(", ")})`
  const propagate =
    spec.propagates === undefined
      ? ""
      : `, propagated AS (
  INSERT INTO ${propagated}
  SELECT source_instance_id, ${spec.scope} FROM updated WHERE moved
  UNION ALL SELECT * FROM deleted UNION ALL SELECT * FROM inserted
  RETURNING 1
)`
  const [counts] = await ctx.tx.query<{ updated: number; deleted: number; inserted: number; propagated: number }>(
    `WITH updated AS (
  UPDATE ${table} AS f
  SET ${spec.columns.map((column) => `${column} = n.${column}`).join(", ")}, row_hash = n.row_hash, ${stamp}
  FROM ts_new AS n${spec.propagates === undefined ? "" : `, ${table} AS o`}
  WHERE ${matchGrain(spec, "f", "n")} AND ${stored} <> n.row_hash${spec.propagates === undefined ? "" : " AND o.id = f.id"}
  RETURNING f.source_instance_id, f.${spec.scope}, ${moved} AS moved
), deleted AS (
  DELETE FROM ${table} AS f ${inScope} NOT EXISTS (SELECT 1 FROM ts_new AS n WHERE ${matchGrain(spec, "n", "f")})
  RETURNING f.source_instance_id, f.${spec.scope}
), inserted AS (
  INSERT INTO ${table} (source_instance_id, ${spec.columns.join(", ")}, row_hash, etl_load_date, transformation_run_id)
  SELECT n.source_instance_id, ${hashed.join(", ")}, n.row_hash, ${ctx.sql.loadDate}, ${ctx.sql.runId}
  FROM ts_new AS n
  WHERE NOT EXISTS (SELECT 1 FROM ${table} AS f WHERE ${matchGrain(spec, "f", "n")})
  RETURNING source_instance_id, ${spec.scope}
), kept AS (
  INSERT INTO ${changed}
  SELECT source_instance_id, ${spec.scope} FROM updated UNION ALL SELECT * FROM deleted UNION ALL SELECT * FROM inserted
  RETURNING 1
)${propagate}
SELECT (SELECT count(*) FROM updated)::int AS updated, (SELECT count(*) FROM deleted)::int AS deleted,
       (SELECT count(*) FROM inserted)::int AS inserted, (SELECT count(*) FROM kept)::int AS kept${
         spec.propagates === undefined ? "" : ", (SELECT count(*) FROM propagated)::int AS propagated"
       }`
  )
  const updated = Number(counts?.updated ?? 0)
  const deleted = Number(counts?.deleted ?? 0)
  const inserted = Number(counts?.inserted ?? 0)

  await ctx.tx.query(scoped ? "DROP TABLE ts_new, ts_cand" : "DROP TABLE ts_new")
  const written = updated + deleted + inserted
  if (written > 0) await ctx.tx.query(`ANALYZE ${changed}`)
  ctx.changed.set(changed, written)
  if (spec.propagates !== undefined) ctx.changed.set(propagated, Number(counts?.propagated ?? 0))
  return written
}
