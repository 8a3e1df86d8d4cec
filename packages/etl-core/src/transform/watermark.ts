/**
 * The incremental watermark. A staging row's `updated_at` is the start time of the transaction
 * that wrote it (`now()`), so a loader transaction that began before a transformation but
 * commits after the transformation took its snapshot writes rows *older* than the
 * transformation's start, invisible to it. Reading "since the previous start" would miss them.
 *
 * So before its snapshot, each transformation records as its watermark the start of the oldest
 * transaction open in the database at that moment (or now, if none): every row it cannot see
 * was written by a transaction that started at or after that instant. The next incremental
 * transformation reads staging rows with `updated_at >= watermark`; rows it re-reads are merged
 * idempotently (same hash, no write). Where other sessions' start times are hidden (another role
 * without `pg_read_all_stats`, or `track_activities` off), the watermark falls back to now
 * minus {@link hiddenSessionMarginMs}.
 */
import {
  latestCommittedTransformRun,
  latestTransformRowCounts,
  passedQualityChecks,
  type Warehouse,
  type WarehouseTx
} from "@trialsync/warehouse"
import { checkId } from "../quality/run.js"

/** Bump when Silver's definitions change: the next incremental transformation then runs in full. */
export const transformVersion = "2"

/** How far back the watermark goes when open transactions cannot be seen. */
export const hiddenSessionMarginMs = 10 * 60 * 1000

const toDate = (value: unknown): Date | undefined =>
  value === null || value === undefined ? undefined : value instanceof Date ? value : new Date(String(value))

/** The watermark of a transformation about to take its snapshot. */
export const captureWatermark = async (warehouse: Pick<Warehouse, "query">): Promise<Date> => {
  const [row] = await warehouse.query<{ now: unknown; oldest: unknown; hidden: number; tracking: string }>(
    `SELECT now() AS now,
  (SELECT min(a.xact_start) FROM pg_stat_activity AS a
    WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL) AS oldest,
  (SELECT count(*) FROM pg_stat_activity AS a
    WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()
      AND a.query = '<insufficient privilege>')::int AS hidden,
  current_setting('track_activities') AS tracking`
  )
  const now = toDate(row?.now) ?? new Date()
  const oldest = toDate(row?.oldest)
  const blind = Number(row?.hidden ?? 0) > 0 || row?.tracking === "off"
  const candidates = [now, ...(oldest === undefined ? [] : [oldest])]
  if (blind) candidates.push(new Date(now.getTime() - hiddenSessionMarginMs))
  return new Date(Math.min(...candidates.map((date) => date.getTime())))
}

export interface CommittedRun {
  readonly id: number
  readonly watermark: Date
  /** `check|table` of the checks that passed in that run. */
  readonly passed: ReadonlySet<string>
  /** That run changed Silver but a blocking check kept Gold from being refreshed. */
  readonly goldPending: boolean
}

/**
 * Where an incremental transformation continues from: the committed transformation of this
 * {@link transformVersion} with the latest watermark, and the checks it passed; undefined when
 * there is none (run in full).
 */
export const previousRun = async (warehouse: Pick<Warehouse, "query">): Promise<CommittedRun | undefined> => {
  const run = await latestCommittedTransformRun(warehouse, transformVersion)
  if (run === undefined) return undefined
  const passed = await passedQualityChecks(warehouse, run.id)
  return {
    id: run.id,
    watermark: run.watermark,
    passed: new Set(passed.map((result) => checkId({ check: result.checkName, table: result.tableName }))),
    goldPending: run.goldPending
  }
}

/**
 * Live rows per staging table as the latest committed transformation (of any version) counted
 * them: the baseline of the `row_count_drop` check; undefined before the first one.
 */
export const previousRowCounts = async (
  warehouse: Pick<Warehouse | WarehouseTx, "query">
): Promise<Readonly<Record<string, number>> | undefined> => latestTransformRowCounts(warehouse)
