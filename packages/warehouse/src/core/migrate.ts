/**
 * Applies drizzle-kit's migrations. One runner for both drivers: it reads the journal with
 * drizzle's own `readMigrationFiles` and records applied migrations in drizzle's table
 * (`drizzle.__drizzle_migrations`), so `drizzle-kit migrate` and this runner agree. Unlike
 * drizzle's migrators it takes an advisory lock (two processes migrating at once wait for each
 * other instead of both applying), checks for its table instead of issuing `IF NOT EXISTS`
 * (no notices), and sends each migration as one multi-statement round trip.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { readMigrationFiles } from "drizzle-orm/migrator"
import type { Driver } from "./driver.js"
import { MigrationError } from "./errors.js"

/** Any constant will do, as long as every TrialSync process uses the same one. */
const migrationLockKey = 7_354_776_841

const journalTable = "drizzle.__drizzle_migrations"

/** Journal `when` -> migration file tag, to name a failing migration. */
const migrationTags = (folder: string): Map<number, string> => {
  const journal = JSON.parse(readFileSync(join(folder, "meta", "_journal.json"), "utf8")) as {
    entries: ReadonlyArray<{ when: number; tag: string }>
  }
  return new Map(journal.entries.map((entry) => [entry.when, entry.tag]))
}

/** Applies the pending migrations of `folder` in one transaction; returns how many were applied. */
export const runMigrations = async (driver: Driver, folder: string): Promise<number> => {
  let migrations: ReturnType<typeof readMigrationFiles>
  try {
    migrations = readMigrationFiles({ migrationsFolder: folder })
  } catch (cause) {
    throw new MigrationError({
      migration: folder,
      reason:
        `cannot read the migrations journal (${cause instanceof Error ? cause.message : String(cause)}); ` +
        "pass `migrationsFolder` to openWarehouse if the migrations are elsewhere.",
      cause
    })
  }
  const tags = migrationTags(folder)
  return driver.transaction(async (session) => {
    await session.query("SELECT pg_advisory_xact_lock($1)", [migrationLockKey])
    const [state] = await session.query<{ present: boolean }>(
      `SELECT to_regclass('${journalTable}') IS NOT NULL AS present`
    )
    if (state?.present !== true) {
      await session.exec(
        `CREATE SCHEMA IF NOT EXISTS drizzle; CREATE TABLE ${journalTable} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`
      )
    }
    const [last] = await session.query<{ created_at: string | number | bigint }>(
      `SELECT created_at FROM ${journalTable} ORDER BY created_at DESC LIMIT 1`
    )
    const appliedUpTo = last === undefined ? -1 : Number(last.created_at)
    let applied = 0
    for (const migration of migrations) {
      if (migration.folderMillis <= appliedUpTo) continue
      try {
        await session.exec(migration.sql.join("\n"))
      } catch (cause) {
        throw new MigrationError({
          migration: tags.get(migration.folderMillis) ?? `created at ${migration.folderMillis}`,
          reason: cause instanceof Error ? cause.message : String(cause),
          cause
        })
      }
      await session.query(`INSERT INTO ${journalTable} (hash, created_at) VALUES ($1, $2)`, [
        migration.hash,
        migration.folderMillis
      ])
      applied++
    }
    return applied
  })
}
