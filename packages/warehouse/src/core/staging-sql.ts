/**
 * The set-based SQL of the loader, built once per staging table. Every value is a parameter; the
 * only spliced names are the table's (validated and quoted) and fixed internal identifiers.
 *
 * Why this shape (docs/design.md §8): `ON CONFLICT DO UPDATE ... WHERE changed` still locks and
 * WAL-logs every conflicting row, so an unchanged reload would rewrite the world. Instead, the
 * UPDATE only touches rows whose hash, parent or deletion state differ, and the INSERT only adds
 * keys that are absent; identical rows are never written at all.
 */
import type { StagingTableDef } from "../staging/definition.js"
import { stagingIndexNames } from "../staging/table.js"
import { quoteIdentifier } from "./identifiers.js"

/**
 * The per-connection temporary table a staged batch is COPYed into. It mirrors the staging
 * table's row columns so one encoded payload serves both paths, except that `data` stays text
 * (with jsonb's binary version byte in front): identical rows are then never parsed as JSON.
 */
export const stageTable = "pg_temp.trialsync_load_stage"
export const createStageTable = `CREATE TEMP TABLE IF NOT EXISTS trialsync_load_stage (
  data text NOT NULL, source_instance_id int, source_id text, record_key text NOT NULL,
  parent_key text, content_hash text NOT NULL, etl_job_id int, etl_run_id int
) ON COMMIT DELETE ROWS`

/**
 * Per batch transaction. The stage table has no statistics, so the planner may pick a hash join
 * that scans the whole target per batch (O(n^2) over a load); a batch is small next to its table,
 * so index probes always win. Its inflated estimates also trigger JIT compilation, which cost
 * ~15 ms per 5000-row batch (measured) and buys nothing here. The probe CTE keeps the batch's
 * rows in memory: give it room so it does not spill.
 */
export const batchSettings =
  "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; SET LOCAL jit = off; SET LOCAL work_mem = '64MB'"

export interface StagingStatements {
  /** $1 instance, $2 parent key, $3 job, $4 run -> { inserted, updated }. */
  readonly apply: string
  /** As `apply`, plus $5 table name: also records the batch's keys in dw_etl_seen_keys. */
  readonly applyTracked: string
  /**
   * $1 instance, $2 parent key, $3 keys and $4 their hashes, each joined by U+001F -> one row per
   * key that is absent (`absent`) or whose stored row differs or is soft-deleted; `n` is the key's
   * 1-based position. Nothing is written.
   */
  readonly changedKeys: string
  /** As `changedKeys`, plus $5 run and $6 table name: records every key in dw_etl_seen_keys. */
  readonly changedKeysTracked: string
  /** $1 run, $2 table name, $3 instance, $4 parent key, $5 keys (text[]). */
  readonly recordSeenKeys: string
  /** $1 instance, $2 run, $3 table name [, $4 parent key] -> { deleted }. */
  readonly markMissing: string
  readonly markMissingInParent: string
  /** Name of the unique index a concurrent insert of the same key violates. */
  readonly keyIndex: string
}

const cache = new Map<string, { readonly def: StagingTableDef; readonly statements: StagingStatements }>()

const build = (def: StagingTableDef): StagingStatements => {
  const table = quoteIdentifier(def.name)
  const sourceId = def.key === "id" ? "p.record_key" : "NULL"
  const sameParent = def.parentScoped ? " AND t.parent_key = $2::text" : ""
  // One index probe per staged row classifies it: absent (insert), identical (skip) or different.
  const probe = `probe AS MATERIALIZED (
  SELECT s.record_key, s.content_hash, s.data, t.id AS target_id,
         coalesce(t.content_hash = s.content_hash AND t.parent_key = $2::text AND NOT t.is_deleted, false) AS unchanged
  FROM ${stageTable} AS s
  LEFT JOIN ${table} AS t ON t.source_instance_id = $1::int AND t.record_key = s.record_key${sameParent}
)`
  const changed = `changed AS (
  UPDATE ${table} AS t
  SET data = substr(p.data, 2)::jsonb, content_hash = p.content_hash, parent_key = $2::text, source_id = ${sourceId},
      etl_job_id = $3::int, etl_run_id = $4::int, loaded_at = now(), updated_at = now(),
      is_deleted = false, deleted_at = NULL
  FROM probe AS p
  WHERE p.target_id IS NOT NULL AND NOT p.unchanged AND t.id = p.target_id
  RETURNING 1
)`
  const added = `added AS (
  INSERT INTO ${table} (data, source_instance_id, source_id, record_key, parent_key, content_hash, etl_job_id, etl_run_id)
  SELECT substr(p.data, 2)::jsonb, $1::int, ${sourceId}, p.record_key, $2::text, p.content_hash, $3::int, $4::int
  FROM probe AS p
  WHERE p.target_id IS NULL
  RETURNING 1
)`
  const seen = `seen AS (
  INSERT INTO dw_etl_seen_keys (run_id, table_name, source_instance_id, parent_key, record_key)
  SELECT $4::int, $5::text, $1::int, $2::text, s.record_key FROM ${stageTable} AS s
)`
  // The hash-first comparison: ~60 bytes per row instead of ~550, and no JSON for PostgreSQL.
  const offered = `offered AS (
  SELECT o.record_key, o.content_hash, o.n
  FROM unnest(string_to_array($3::text, chr(31)), string_to_array($4::text, chr(31))) WITH ORDINALITY AS o(record_key, content_hash, n)
)`
  const different = `SELECT o.n::int AS n, t.id IS NULL AS absent
FROM offered AS o
LEFT JOIN ${table} AS t ON t.source_instance_id = $1::int AND t.record_key = o.record_key${sameParent}
WHERE NOT coalesce(t.content_hash = o.content_hash AND t.parent_key = $2::text AND NOT t.is_deleted, false)`
  const offeredSeen = `seen AS (
  INSERT INTO dw_etl_seen_keys (run_id, table_name, source_instance_id, parent_key, record_key)
  SELECT $5::int, $6::text, $1::int, $2::text, o.record_key FROM offered AS o
)`
  const counts = "SELECT (SELECT count(*) FROM added)::int AS inserted, (SELECT count(*) FROM changed)::int AS updated"
  const markMissing = (inParent: boolean) => `WITH gone AS (
  UPDATE ${table} AS t SET is_deleted = true, deleted_at = now(), updated_at = now()
  WHERE t.source_instance_id = $1::int${inParent ? " AND t.parent_key = $4::text" : ""} AND NOT t.is_deleted
    AND NOT EXISTS (
      SELECT 1 FROM dw_etl_seen_keys AS k
      WHERE k.run_id = $2::int AND k.table_name = $3::text AND k.source_instance_id = $1::int
        AND k.parent_key = t.parent_key AND k.record_key = t.record_key
    )
  RETURNING 1
), cleaned AS (
  DELETE FROM dw_etl_seen_keys AS k
  WHERE k.run_id = $2::int AND k.table_name = $3::text AND k.source_instance_id = $1::int${
    inParent ? " AND k.parent_key = $4::text" : ""
  }
)
SELECT count(*)::int AS deleted FROM gone`
  return {
    recordSeenKeys: `INSERT INTO dw_etl_seen_keys (run_id, table_name, source_instance_id, parent_key, record_key)
SELECT $1::int, $2::text, $3::int, $4::text, key FROM unnest($5::text[]) AS key`,
    changedKeys: `WITH ${offered}\n${different}`,
    changedKeysTracked: `WITH ${offered}, ${offeredSeen}\n${different}`,
    apply: `WITH ${probe}, ${changed}, ${added}\n${counts}`,
    applyTracked: `WITH ${probe}, ${changed}, ${added}, ${seen}\n${counts}`,
    markMissing: markMissing(false),
    markMissingInParent: markMissing(true),
    keyIndex: stagingIndexNames(def.name).key
  }
}

/** The loader's statements for a (validated) staging table definition. */
export const stagingStatements = (def: StagingTableDef): StagingStatements => {
  const cached = cache.get(def.name)
  if (cached !== undefined && cached.def === def) return cached.statements
  const statements = build(def)
  cache.set(def.name, { def, statements })
  return statements
}
