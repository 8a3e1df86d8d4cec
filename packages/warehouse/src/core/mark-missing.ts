/**
 * `markMissingAsDeleted`: after a complete snapshot, soft-delete the scope's rows whose keys the
 * run did not record, and drop the run's recorded keys for that scope, in one statement. On the
 * warehouse (autocommit) or in the caller's transaction (`WarehouseTx.markMissingAsDeleted`).
 */
import type { StagingTableDef } from "../staging/definition.js"
import type { DriverSession } from "./driver.js"
import { InvalidWarehouseOptionError, SeenKeysLostError } from "./errors.js"
import { stagingStatements } from "./staging-sql.js"
import { encodeStoredText } from "./stored-text.js"
import type { MarkMissingOptions } from "./types.js"

/**
 * True when the run (if `dw_etl_runs` knows it) began before the server last started: a crash in
 * between would have emptied the UNLOGGED seen-keys table. PGlite "starts" at every open, so a run
 * resumed in a new process is refused too, which is the safe answer.
 */
type Sql = Pick<DriverSession, "query">

const startedBeforeServer = async (driver: Sql, runId: number): Promise<boolean> => {
  const [row] = await driver.query<{ restarted: boolean }>(
    "SELECT started_at < pg_postmaster_start_time() AS restarted FROM dw_etl_runs WHERE id = $1",
    [runId]
  )
  return row?.restarted === true
}

const seenRows = async (driver: Sql, table: string, options: MarkMissingOptions): Promise<number> => {
  const [row] = await driver.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM dw_etl_seen_keys
      WHERE run_id = $1 AND table_name = $2 AND source_instance_id = $3${
        options.parentKey === undefined ? "" : " AND parent_key = $4"
      }`,
    options.parentKey === undefined
      ? [options.runId, table, options.instanceId]
      : [options.runId, table, options.instanceId, options.parentKey]
  )
  return row?.n ?? 0
}

export const markMissing = async (
  driver: Sql,
  def: StagingTableDef,
  input: MarkMissingOptions,
  where: { readonly inTransaction: boolean }
) => {
  // Parent keys are stored like record keys (stored-text.ts): compare with the stored form.
  const options: MarkMissingOptions =
    typeof input.parentKey === "string" ? { ...input, parentKey: encodeStoredText(input.parentKey) } : input
  for (const option of ["runId", "instanceId"] as const) {
    if (!Number.isInteger(options[option])) {
      throw new InvalidWarehouseOptionError({ option, reason: `expected an integer, got ${String(options[option])}` })
    }
  }
  if (options.expectedSeen !== undefined && !Number.isInteger(options.expectedSeen)) {
    throw new InvalidWarehouseOptionError({ option: "expectedSeen", reason: "expected an integer row count" })
  }
  if (options.parentKey !== undefined && typeof options.parentKey !== "string") {
    throw new InvalidWarehouseOptionError({ option: "parentKey", reason: "expected a string (the parent's CC key)" })
  }
  if (options.expectedSeen !== undefined) {
    const found = await seenRows(driver, def.name, options)
    if (found !== options.expectedSeen) {
      throw new SeenKeysLostError({
        runId: options.runId,
        table: def.name,
        detail: `${found} recorded keys where ${options.expectedSeen} were committed`
      })
    }
  } else if (await startedBeforeServer(driver, options.runId)) {
    throw new SeenKeysLostError({
      runId: options.runId,
      table: def.name,
      detail: "the run started before the database last started"
    })
  }
  if (where.inTransaction && options.parentKey === undefined) {
    // A whole table against its seen keys: a hash anti-join is linear. The table was usually
    // loaded seconds ago, and from its stale row estimate PostgreSQL picked a nested loop:
    // 80+ s for 230k patient visits (measured), against well under a second hashed.
    await driver.query("SET LOCAL enable_nestloop = off")
    await driver.query("SET LOCAL work_mem = '64MB'")
  }
  const statements = stagingStatements(def)
  const [row] =
    options.parentKey === undefined
      ? await driver.query<{ deleted: number }>(statements.markMissing, [options.instanceId, options.runId, def.name])
      : await driver.query<{ deleted: number }>(statements.markMissingInParent, [
          options.instanceId,
          options.runId,
          def.name,
          options.parentKey
        ])
  return row?.deleted ?? 0
}
