/**
 * Columns every Silver table shares, as factories (Drizzle column builders must not be shared
 * between tables).
 *
 * - Business keys are the CC id (`bigint`) plus `source_instance_id`: two CC instances may use
 *   the same ids.
 * - SCD2 versions are half-open ranges `[effective_start_date, effective_end_date)`; the first
 *   version of a key starts at {@link beginningOfTime} so facts dated before the first load still
 *   find it, and the open version ends at {@link endOfTime}.
 * - `row_hash` is the md5 of the tracked attributes: a version changes only when it does.
 */
import { sql } from "drizzle-orm"
import { bigint, bigserial, boolean, integer, text, timestamp } from "drizzle-orm/pg-core"

/** Start of the first version of every business key. */
export const beginningOfTime = "1900-01-01T00:00:00Z"
/** End of the open (current) version. */
export const endOfTime = "9999-12-31T00:00:00Z"
/** What `source_system` says for rows from Clinical Conductor. */
export const clinicalConductor = "clinical-conductor"

/** A surrogate key (`<name>_key bigserial`). */
export const surrogateKey = (name: string) => bigserial(name, { mode: "number" }).primaryKey()

/** A business id or a foreign surrogate key. */
export const id = (name: string) => bigint(name, { mode: "number" })

/** Lineage of the last write: which transformation run, when, from where. */
export const lineageColumns = () => ({
  rowHash: text("row_hash").notNull(),
  sourceSystem: text("source_system").notNull().default(clinicalConductor),
  etlLoadDate: timestamp("etl_load_date", { withTimezone: true }).notNull().defaultNow(),
  transformationRunId: integer("transformation_run_id")
})

/** `dw_api_credentials.id` of the CC instance the row comes from (part of every business key). */
export const instance = () => integer("source_instance_id").notNull()

/** Type-2 dimensions: version range, current flag, deleted marker, lineage. */
export const scd2Columns = () => ({
  effectiveStartDate: timestamp("effective_start_date", { withTimezone: true }).notNull(),
  effectiveEndDate: timestamp("effective_end_date", { withTimezone: true })
    .notNull()
    .default(sql`'9999-12-31T00:00:00Z'::timestamptz`),
  isCurrent: boolean("is_current").notNull().default(true),
  /** Set on the version a source deletion closed. */
  isDeleted: boolean("is_deleted").notNull().default(false),
  ...lineageColumns()
})

/** Type-1 dimensions: one row per business key, overwritten in place; deletions are a marker. */
export const type1Columns = () => ({
  isDeleted: boolean("is_deleted").notNull().default(false),
  ...lineageColumns()
})

/** Facts start with a row id and the instance (then their grain, keys, measures and lineage). */
export const factKeyColumns = () => ({
  id: bigserial("id", { mode: "number" }).primaryKey(),
  sourceInstanceId: integer("source_instance_id").notNull()
})
