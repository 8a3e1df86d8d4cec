/**
 * The parents of a fan-out job, read against its bookkeeping: which partitions a run still has to
 * fetch (`dw_etl_partitions`), which parents changed since their children were last fetched
 * (`dw_etl_parent_state`), and the children of parents that are gone.
 *
 * A fan-out's parents are the current rows (not deleted) of a parent staging table for one
 * instance; each placeholder's value is read through a key path into the record as CC sent it
 * (`data`), never the table's own serial `id`, which only orders the keyset scan. A partition's
 * parent key is its placeholder values joined by `/` in placeholder order (the parent's CC id for
 * the usual single placeholder).
 */
import { InvalidWarehouseOptionError } from "../core/errors.js"
import { quoteIdentifier } from "../core/identifiers.js"
import type { ControlSql } from "./sql.js"

/** Where a fan-out job's partitions come from. */
export interface FanoutParents {
  /** The parent staging table. */
  readonly parentTable: string
  /** Per placeholder, in the order of the endpoint's bindings: field names into the parent's `data`. */
  readonly keyPaths: ReadonlyArray<ReadonlyArray<string>>
}

export interface CandidateFilter {
  /** Only parents whose content hash moved since their last successful fetch. */
  readonly changedOnly: boolean
  /** Only partitions that failed earlier in this run (the retry at the end of a job). */
  readonly failedOnly: boolean
}

/** A partition to fetch, as {@link readPartitionCandidates} reads it. */
export interface PartitionCandidate {
  /** The parent row's serial id: the scan's keyset cursor only. */
  readonly cursor: number
  readonly parentKey: string
  /** The placeholders' values, in the order of `keyPaths`. */
  readonly values: ReadonlyArray<string>
  /** The parent row's content hash when the partition was read. */
  readonly parentHash: string
  /** An earlier attempt in this run, if any: `failed` or a large partition still `running`. */
  readonly prior?: { readonly status: string; readonly checkpoint: unknown }
}

const segmentPattern = /^[A-Za-z_][A-Za-z0-9_]*$/

/** The SQL of each placeholder's value, of the partition key and of "every value is present", for parent row `p`. */
const expressions = (parents: FanoutParents) => {
  const valueSql = parents.keyPaths.map((segments) => {
    if (segments.length === 0 || segments.some((segment) => !segmentPattern.test(segment))) {
      throw new InvalidWarehouseOptionError({
        option: "keyPaths",
        reason: `${JSON.stringify(segments)} is not a key path (field names such as ["study", "id"])`
      })
    }
    return `(p.data #>> '{${segments.join(",")}}')`
  })
  if (valueSql.length === 0) {
    throw new InvalidWarehouseOptionError({ option: "keyPaths", reason: "a fan-out needs at least one key path" })
  }
  return {
    parent: quoteIdentifier(parents.parentTable),
    valueSql,
    parentKeySql: valueSql.length === 1 ? (valueSql[0] as string) : `concat_ws('/', ${valueSql.join(", ")})`,
    presentSql: valueSql.map((sql) => `coalesce(${sql}, '') <> ''`).join(" AND ")
  }
}

/**
 * For the whole-table joins (parents against their fetch state): a hash join is linear at any
 * size, while a nested loop chosen from a stale row estimate is quadratic (measured: 23k parents
 * took minutes). The parent state grows during a run faster than any ANALYZE keeps up with.
 */
const preferBulkJoins = async (tx: ControlSql): Promise<void> => {
  await tx.query("SET LOCAL enable_nestloop = off")
  await tx.query("SET LOCAL work_mem = '64MB'")
}

/**
 * Keyset-paged candidates: $1 instance, $2 job, $3 run, $4 cursor (exclusive), $5 limit.
 * Partitions this run already completed (done or skipped) are left out, which is what lets a
 * resumed run continue where it stopped. Rows: `cursor`, `parent_key`, `v0..`, `parent_hash`,
 * `prior_status`, `prior_checkpoint` ({@link partitionCandidateOf} maps them).
 *
 * The partition and parent-state lookups are LATERAL subqueries with LIMIT (which keeps the
 * planner from turning them back into joins), so each candidate costs two index probes whatever
 * the planner believes: both tables grow during the run, faster than their statistics, and with
 * a stale estimate PostgreSQL joined them by a nested loop over a materialized scan, quadratic in
 * the partitions done (seconds per chunk at 23k parents).
 */
export const partitionCandidatesSql = (parents: FanoutParents, filter: CandidateFilter): string => {
  const { parent, valueSql, parentKeySql, presentSql } = expressions(parents)
  const values = valueSql.map((sql, index) => `${sql} AS v${index}`).join(", ")
  const state = filter.changedOnly
    ? `LEFT JOIN LATERAL (
    SELECT s.parent_hash FROM dw_etl_parent_state AS s
    WHERE s.job_id = $2::int AND s.source_instance_id = $1::int AND s.parent_key = ${parentKeySql}
    LIMIT 1
  ) AS s ON true`
    : ""
  const changed = filter.changedOnly ? " AND s.parent_hash IS DISTINCT FROM p.content_hash" : ""
  const status = filter.failedOnly ? "d.status = 'failed'" : "(d.status IS NULL OR d.status NOT IN ('done', 'skipped'))"
  return `SELECT p.id AS cursor, ${parentKeySql} AS parent_key, ${values}, p.content_hash AS parent_hash,
       d.status AS prior_status, d.checkpoint AS prior_checkpoint
FROM ${parent} AS p
${state}
LEFT JOIN LATERAL (
  SELECT d.status, d.checkpoint FROM dw_etl_partitions AS d
  WHERE d.run_id = $3::int AND d.parent_key = ${parentKeySql} AND d.job_id = $2::int
  LIMIT 1
) AS d ON true
WHERE p.source_instance_id = $1::int AND NOT p.is_deleted AND ${presentSql} AND p.id > $4::bigint${changed}
  AND ${status}
ORDER BY p.id
LIMIT $5::int`
}

/** Maps a row of {@link partitionCandidatesSql}. */
export const partitionCandidateOf = (parents: FanoutParents, row: Record<string, unknown>): PartitionCandidate => {
  const status = row.prior_status
  return {
    cursor: Number(row.cursor),
    parentKey: String(row.parent_key),
    values: parents.keyPaths.map((_, index) => String(row[`v${index}`])),
    parentHash: String(row.parent_hash),
    ...(typeof status === "string" ? { prior: { status, checkpoint: row.prior_checkpoint ?? null } } : {})
  }
}

/** The next `limit` partitions of the run after parent row `after` (0 to start), in parent row order. */
export const readPartitionCandidates = async (
  sql: ControlSql,
  parents: FanoutParents,
  filter: CandidateFilter,
  page: {
    readonly instanceId: number
    readonly jobId: number
    readonly runId: number
    readonly after: number
    readonly limit: number
  }
): Promise<ReadonlyArray<PartitionCandidate>> => {
  const rows = await sql.query<Record<string, unknown>>(partitionCandidatesSql(parents, filter), [
    page.instanceId,
    page.jobId,
    page.runId,
    page.after,
    page.limit
  ])
  return rows.map((row) => partitionCandidateOf(parents, row))
}

/** $1 instance, $2 job: { current, changed } parent counts (changed = hash moved since last fetch). */
export const parentCountsSql = (parents: FanoutParents): string => {
  const { parent, parentKeySql, presentSql } = expressions(parents)
  return `SELECT count(*)::int AS current,
       count(*) FILTER (WHERE s.parent_hash IS DISTINCT FROM p.content_hash)::int AS changed
FROM ${parent} AS p
LEFT JOIN dw_etl_parent_state AS s
  ON s.job_id = $2::int AND s.source_instance_id = $1::int AND s.parent_key = ${parentKeySql}
WHERE p.source_instance_id = $1::int AND NOT p.is_deleted AND ${presentSql}`
}

/**
 * The job's current parents, and how many of them changed since their children were last
 * fetched. Call it in a transaction: it prefers hash joins for the rest of it (`SET LOCAL`).
 */
export const countParents = async (
  tx: ControlSql,
  parents: FanoutParents,
  ids: { readonly instanceId: number; readonly jobId: number }
): Promise<{ readonly current: number; readonly changed: number }> => {
  await preferBulkJoins(tx)
  const [row] = await tx.query<{ current: number; changed: number }>(parentCountsSql(parents), [
    ids.instanceId,
    ids.jobId
  ])
  return { current: Number(row?.current ?? 0), changed: Number(row?.changed ?? 0) }
}

/**
 * Soft-deletes the children (in `childTable`) of parents that are gone (deleted, or no longer in
 * the parent table) and drops those parents' fetch state; returns how many children. Only
 * parents this job fetched before are considered (they are in `dw_etl_parent_state`). Call it in
 * a transaction: it prefers hash joins for the rest of it (`SET LOCAL`).
 */
export const markChildrenOfGoneParents = async (
  tx: ControlSql,
  parents: FanoutParents,
  childTable: string,
  ids: { readonly instanceId: number; readonly jobId: number }
): Promise<number> => {
  const { parent, parentKeySql } = expressions(parents)
  const child = quoteIdentifier(childTable)
  await preferBulkJoins(tx)
  const [row] = await tx.query<{ deleted: number }>(
    `WITH gone_parents AS (
  DELETE FROM dw_etl_parent_state AS s
  WHERE s.job_id = $2::int AND s.source_instance_id = $1::int
    AND NOT EXISTS (
      SELECT 1 FROM ${parent} AS p
      WHERE p.source_instance_id = $1::int AND NOT p.is_deleted AND ${parentKeySql} = s.parent_key
    )
  RETURNING s.parent_key
), gone AS (
  UPDATE ${child} AS t SET is_deleted = true, deleted_at = now(), updated_at = now()
  WHERE t.source_instance_id = $1::int AND NOT t.is_deleted AND t.parent_key IN (SELECT parent_key FROM gone_parents)
  RETURNING 1
)
SELECT count(*)::int AS deleted FROM gone`,
    [ids.instanceId, ids.jobId]
  )
  return Number(row?.deleted ?? 0)
}

/**
 * Refreshes the planner's statistics of a parent table and of `dw_etl_parent_state` before a
 * fan-out reads them. Parent tables are usually loaded seconds earlier, long before autovacuum
 * notices; with a stale estimate of a few rows PostgreSQL joins the parents to their fetch state
 * by nested loop, quadratic in the number of parents (measured: 0.2 s for 1,149 parents, minutes
 * at 230k). ANALYZE samples a bounded number of rows: tens of milliseconds at any size.
 */
export const analyzeFanoutParents = async (sql: ControlSql, parentTable: string): Promise<void> => {
  await sql.query(`ANALYZE ${quoteIdentifier(parentTable)}`)
  await sql.query("ANALYZE dw_etl_parent_state")
}
