import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { defaultMigrationsFolder, defineStagingTable, getStagingTable, stagingTableList } from "../../src/index.js"
import type { Harness } from "./harness.js"

const journalEntries = () =>
  (JSON.parse(readFileSync(join(defaultMigrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: unknown[] })
    .entries.length

const stagingColumns = [
  ["id", "bigint", "NO"],
  ["data", "jsonb", "NO"],
  ["source_instance_id", "integer", "NO"],
  ["source_id", "text", "YES"],
  ["record_key", "text", "NO"],
  ["parent_key", "text", "NO"],
  ["content_hash", "text", "NO"],
  ["etl_job_id", "integer", "YES"],
  ["etl_run_id", "integer", "YES"],
  ["loaded_at", "timestamp with time zone", "NO"],
  ["created_at", "timestamp with time zone", "NO"],
  ["updated_at", "timestamp with time zone", "NO"],
  ["is_deleted", "boolean", "NO"],
  ["deleted_at", "timestamp with time zone", "YES"]
]

export const migrationSuite = (h: Harness) =>
  describe("migrations", () => {
    it("a second migrate() is a no-op that keeps tables and data", async () => {
      const warehouse = h.warehouse()
      const applied = () =>
        warehouse.query<{ n: number }>("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations")
      const oid = () => warehouse.query<{ oid: number }>("SELECT 'dim_sites_staging'::regclass::oid::int AS oid")
      expect((await applied())[0]!.n).toBe(journalEntries())
      const before = (await oid())[0]!.oid
      const instanceId = h.freshInstanceId()
      await warehouse.loadStaging("dim_sites_staging", [{ id: 1 }], { instanceId, jobId: 1, runId: h.freshRunId() })
      await warehouse.migrate()
      expect((await applied())[0]!.n).toBe(journalEntries())
      expect((await oid())[0]!.oid).toBe(before)
      const kept = await warehouse.query("SELECT 1 FROM dim_sites_staging WHERE source_instance_id = $1", [instanceId])
      expect(kept).toHaveLength(1)
    })

    it("creates every registry table with the staging contract, and an UNLOGGED seen-keys table", async () => {
      const warehouse = h.warehouse()
      const columns = await warehouse.query<{
        table_name: string
        column_name: string
        data_type: string
        is_nullable: string
      }>(
        `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
          WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`
      )
      for (const def of stagingTableList) {
        const actual = columns
          .filter((column) => column.table_name === def.name)
          .map((column) => [column.column_name, column.data_type, column.is_nullable])
        expect(actual, def.name).toEqual(stagingColumns)
      }
      expect(stagingTableList).toHaveLength(88)
      const [seen] = await warehouse.query<{ relpersistence: string }>(
        "SELECT relpersistence FROM pg_class WHERE relname = 'dw_etl_seen_keys'"
      )
      expect(seen?.relpersistence).toBe("u")
    })

    it("indexes: the unique key, (instance, parent) only for per-parent tables, updated_at only where chosen", async () => {
      const indexes = await h
        .warehouse()
        .query<{ tablename: string; indexdef: string }>(
          "SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename LIKE '%_staging'"
        )
      const of = (table: string) =>
        indexes.filter((index) => index.tablename === table).map((index) => index.indexdef.replace(/^.* USING /, ""))
      expect(of("dim_sites_staging").sort()).toEqual(["btree (id)", "btree (source_instance_id, record_key)"])
      expect(of("dim_patient_visits_staging").sort()).toEqual([
        "btree (id)",
        "btree (source_instance_id, parent_key) WHERE (parent_key <> ''::text)",
        "btree (source_instance_id, record_key)",
        "btree (updated_at)"
      ])
      expect(of("dim_study_warnings_staging").sort()).toEqual([
        "btree (id)",
        "btree (source_instance_id, parent_key, record_key)"
      ])
      expect(indexes.some((index) => / USING gin /i.test(index.indexdef))).toBe(false)
    })

    it("ensureStagingTable creates a table identical to a migrated one", async () => {
      const warehouse = h.warehouse()
      const model = getStagingTable("dim_patient_visits_staging")
      const copy = defineStagingTable({ ...model, name: `ensure_copy_${h.driver.replace("-", "_")}_staging` })
      await warehouse.ensureStagingTable(copy)
      await warehouse.ensureStagingTable(copy) // idempotent
      const shape = async (table: string) => ({
        columns: await warehouse.query(
          `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
          [table]
        ),
        indexes: (
          await warehouse.query<{ indexdef: string }>(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = $1",
            [table]
          )
        )
          .map((index) => index.indexdef.replaceAll(table, "<table>"))
          .sort()
      })
      const expected = await shape(model.name)
      const actual = await shape(copy.name)
      expect(actual.indexes).toEqual(expected.indexes)
      expect(actual.columns).toEqual(
        (expected.columns as Array<Record<string, unknown>>).map((column) => ({
          ...column,
          column_default:
            typeof column.column_default === "string"
              ? column.column_default.replaceAll(model.name, copy.name)
              : column.column_default
        }))
      )
    })
  })
