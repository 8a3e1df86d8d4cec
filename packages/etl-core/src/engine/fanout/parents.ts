/**
 * Where a fan-out job's partitions come from: the current rows (not deleted) of the parent's
 * staging table for this CC instance, each giving its placeholders' values through the
 * bindings' key paths into the record as CC sent it (`data`), never the staging table's own
 * serial `id`. That serial only orders the scan, so the keys can be read in pages by keyset.
 *
 * A partition's `parent_key` is its placeholder values joined by `/` in placeholder order: the
 * parent's CC id for the usual single placeholder, `<studyId>/<subjectId>` for job 160.
 */
import { keyPathSegments } from "../../catalog/key-path.js"
import type { CatalogJob } from "../../catalog/types.js"
import { JobDefinitionError } from "../errors.js"
import { quoteTable } from "../sink/seen-keys.js"

export interface ParentSource {
  readonly parentTable: string
  /** Placeholder names, in the order of the endpoint's bindings. */
  readonly names: ReadonlyArray<string>
  /** SQL (text) of each placeholder's value read from parent row `p`. */
  readonly valueSql: ReadonlyArray<string>
  /** SQL (text) of the partition key of parent row `p`. */
  readonly parentKeySql: string
  /** SQL condition: every placeholder value of `p` is present. */
  readonly presentSql: string
}

/** A partition to fetch: one parent's placeholder values. */
export interface Candidate {
  /** The parent row's serial id: the scan's keyset cursor only. */
  readonly cursor: number
  readonly parentKey: string
  readonly params: Readonly<Record<string, string>>
  /** The parent row's content hash when the partition was read. */
  readonly parentHash: string
  /** An earlier attempt in this run, if any: `failed` or a large partition still `running`. */
  readonly prior?: { readonly status: string; readonly checkpoint: unknown }
}

/** The parent source of a fan-out job; fails when its placeholders read from several tables. */
export const parentSourceOf = (job: CatalogJob): ParentSource | JobDefinitionError => {
  const tables = [...new Set(job.parameters.map((binding) => binding.parentTable))]
  if (tables.length !== 1) {
    return new JobDefinitionError({
      jobId: job.id,
      message: `Job ${job.id} (${job.name}) binds its placeholders to ${tables.length} parent tables (${tables.join(", ")}); the engine fans out over one parent table per job: bind every placeholder to fields of one parent record.`
    })
  }
  const valueSql = job.parameters.map((binding) => {
    const segments = keyPathSegments(binding.keyPath)
    return `(p.data #>> '{${segments.join(",")}}')`
  })
  return {
    parentTable: tables[0] as string,
    names: job.parameters.map((binding) => binding.name),
    valueSql,
    parentKeySql: valueSql.length === 1 ? (valueSql[0] as string) : `concat_ws('/', ${valueSql.join(", ")})`,
    presentSql: valueSql.map((sql) => `coalesce(${sql}, '') <> ''`).join(" AND ")
  }
}

export interface CandidateFilter {
  /** Only parents whose content hash moved since their last successful fetch. */
  readonly changedOnly: boolean
  /** Only partitions that failed earlier in this run (the retry at the end of a job). */
  readonly failedOnly: boolean
}

/**
 * Keyset-paged candidates: $1 instance, $2 job, $3 run, $4 cursor (exclusive), $5 limit.
 * Partitions this run already completed (done or skipped) are left out, which is what lets a
 * resumed run continue where it stopped.
 *
 * The partition and parent-state lookups are LATERAL subqueries with LIMIT (which keeps the
 * planner from turning them back into joins), so each candidate costs two index probes whatever
 * the planner believes: both tables grow during the run, faster than
 * their statistics, and with a stale estimate PostgreSQL joined them by a nested loop over a
 * materialized scan, quadratic in the partitions done (seconds per chunk at 23k parents).
 */
export const candidatesSql = (source: ParentSource, filter: CandidateFilter): string => {
  const parent = quoteTable(source.parentTable)
  const values = source.valueSql.map((sql, index) => `${sql} AS v${index}`).join(", ")
  const state = filter.changedOnly
    ? `LEFT JOIN LATERAL (
    SELECT s.parent_hash FROM dw_etl_parent_state AS s
    WHERE s.job_id = $2::int AND s.source_instance_id = $1::int AND s.parent_key = ${source.parentKeySql}
    LIMIT 1
  ) AS s ON true`
    : ""
  const changed = filter.changedOnly ? " AND s.parent_hash IS DISTINCT FROM p.content_hash" : ""
  const status = filter.failedOnly ? "d.status = 'failed'" : "(d.status IS NULL OR d.status NOT IN ('done', 'skipped'))"
  return `SELECT p.id AS cursor, ${source.parentKeySql} AS parent_key, ${values}, p.content_hash AS parent_hash,
       d.status AS prior_status, d.checkpoint AS prior_checkpoint
FROM ${parent} AS p
${state}
LEFT JOIN LATERAL (
  SELECT d.status, d.checkpoint FROM dw_etl_partitions AS d
  WHERE d.run_id = $3::int AND d.parent_key = ${source.parentKeySql} AND d.job_id = $2::int
  LIMIT 1
) AS d ON true
WHERE p.source_instance_id = $1::int AND NOT p.is_deleted AND ${source.presentSql} AND p.id > $4::bigint${changed}
  AND ${status}
ORDER BY p.id
LIMIT $5::int`
}

/** $1 instance, $2 job: { current, changed } parent counts (changed = hash moved since last fetch). */
export const parentCountsSql = (source: ParentSource): string => {
  const parent = quoteTable(source.parentTable)
  return `SELECT count(*)::int AS current,
       count(*) FILTER (WHERE s.parent_hash IS DISTINCT FROM p.content_hash)::int AS changed
FROM ${parent} AS p
LEFT JOIN dw_etl_parent_state AS s
  ON s.job_id = $2::int AND s.source_instance_id = $1::int AND s.parent_key = ${source.parentKeySql}
WHERE p.source_instance_id = $1::int AND NOT p.is_deleted AND ${source.presentSql}`
}

/** Maps a row of {@link candidatesSql}. */
export const toCandidate = (source: ParentSource, row: Record<string, unknown>): Candidate => {
  const params: Record<string, string> = {}
  source.names.forEach((name, index) => {
    params[name] = String(row[`v${index}`])
  })
  const status = row.prior_status
  return {
    cursor: Number(row.cursor),
    parentKey: String(row.parent_key),
    params,
    parentHash: String(row.parent_hash),
    ...(typeof status === "string" ? { prior: { status, checkpoint: row.prior_checkpoint ?? null } } : {})
  }
}

/**
 * Children whose parent is gone (deleted, or no longer in the parent table) are soft-deleted,
 * and the parent's fetch state is dropped: $1 instance, $2 job. Returns { deleted }.
 * Only parents this job fetched before are considered (they are in `dw_etl_parent_state`).
 */
export const orphanedChildrenSql = (source: ParentSource, childTable: string): string => {
  const parent = quoteTable(source.parentTable)
  const child = quoteTable(childTable)
  return `WITH gone_parents AS (
  DELETE FROM dw_etl_parent_state AS s
  WHERE s.job_id = $2::int AND s.source_instance_id = $1::int
    AND NOT EXISTS (
      SELECT 1 FROM ${parent} AS p
      WHERE p.source_instance_id = $1::int AND NOT p.is_deleted AND ${source.parentKeySql} = s.parent_key
    )
  RETURNING s.parent_key
), gone AS (
  UPDATE ${child} AS t SET is_deleted = true, deleted_at = now(), updated_at = now()
  WHERE t.source_instance_id = $1::int AND NOT t.is_deleted AND t.parent_key IN (SELECT parent_key FROM gone_parents)
  RETURNING 1
)
SELECT count(*)::int AS deleted FROM gone`
}
