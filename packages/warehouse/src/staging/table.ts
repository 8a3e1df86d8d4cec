/**
 * The Bronze row contract as a Drizzle table. One factory for every staging table, so the 88
 * registry tables and any engineer-defined one cannot drift apart.
 */
import { sql } from "drizzle-orm"
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core"
import type { StagingTableDef } from "./definition.js"

const stagingColumns = () => ({
  id: bigserial("id", { mode: "number" }).primaryKey(),
  /** The record exactly as received (a bare string for lookup lists). */
  data: jsonb("data").$type<unknown>().notNull(),
  sourceInstanceId: integer("source_instance_id").notNull(),
  /** Kept for compatibility: the CC id as text (`id`/`Id` keys only; NULL for id-less records). */
  sourceId: text("source_id"),
  recordKey: text("record_key").notNull(),
  /** The parent's CC key for fan-out rows, '' otherwise. */
  parentKey: text("parent_key").notNull().default(""),
  /** md5 of the record's JSON text as received (computed by PostgreSQL); same hash, no write. */
  contentHash: text("content_hash").notNull(),
  etlJobId: integer("etl_job_id"),
  etlRunId: integer("etl_run_id"),
  /** When a loader last wrote this row (insert, change, revive). */
  loadedAt: timestamp("loaded_at", { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  /** Last change of any kind, soft-deletes included: what incremental transforms read. */
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  isDeleted: boolean("is_deleted").notNull().default(false),
  deletedAt: timestamp("deleted_at", { withTimezone: true })
})

/** Index names of a staging table (also used by `ensureStagingTable`). */
export const stagingIndexNames = (name: string) => ({
  key: `${name}_key_uq`,
  parent: `${name}_parent_idx`,
  updatedAt: `${name}_updated_at_idx`
})

/**
 * The Drizzle table of a staging definition.
 *
 * @example
 * ```ts
 * const t = stagingTable(getStagingTable("dim_studies_staging"))
 * const live = await warehouse.db.select({ data: t.data }).from(t).where(eq(t.isDeleted, false))
 * ```
 */
export const stagingTable = <Name extends string>(def: StagingTableDef<Name>) =>
  pgTable(def.name, stagingColumns(), (t) => {
    const names = stagingIndexNames(def.name)
    return [
      def.parentScoped
        ? uniqueIndex(names.key).on(t.sourceInstanceId, t.parentKey, t.recordKey)
        : uniqueIndex(names.key).on(t.sourceInstanceId, t.recordKey),
      // Partial: rows loaded without a parent ('' , e.g. job 9 into the table job 160 fans out to)
      // cost no index entry; per-parent lookups always name a non-empty parent.
      ...(def.perParent && !def.parentScoped
        ? [index(names.parent).on(t.sourceInstanceId, t.parentKey).where(sql`${t.parentKey} <> ''`)]
        : []),
      ...(def.indexUpdatedAt ? [index(names.updatedAt).on(t.updatedAt)] : [])
    ]
  })

/** The Drizzle type of a staging table named `Name`. */
export type StagingPgTable<Name extends string = string> = ReturnType<typeof stagingTable<Name>>
