/**
 * One migrated warehouse per driver per test file: the local PostgreSQL (a database of its own,
 * dropped afterwards) and an in-memory PGlite.
 */
import { openWarehouse, type Warehouse } from "@trialsync/warehouse"
import { createTestDatabase } from "@trialsync/warehouse/testing"
import { afterAll, beforeAll } from "vitest"

export type DriverName = "postgresql" | "pglite"
export const driverNames: ReadonlyArray<DriverName> = ["postgresql", "pglite"]

export interface WarehouseHandle {
  /** The file's warehouse (inside a test or hook). */
  readonly warehouse: () => Warehouse
  /** The PostgreSQL connection string (undefined for PGlite). */
  readonly databaseUrl: () => string | undefined
}

export const useWarehouse = (driver: DriverName, prefix: string): WarehouseHandle => {
  let warehouse: Warehouse | undefined
  let drop: (() => Promise<void>) | undefined
  let url: string | undefined
  beforeAll(async () => {
    if (driver === "postgresql") {
      const database = await createTestDatabase(prefix)
      drop = database.drop
      url = database.url
      warehouse = await openWarehouse({ databaseUrl: database.url, poolSize: 4 })
    } else {
      warehouse = await openWarehouse({ inMemory: true })
    }
    await warehouse.migrate()
  })
  afterAll(async () => {
    await warehouse?.close()
    await drop?.()
  })
  return {
    warehouse: () => {
      if (warehouse === undefined) throw new Error("The warehouse is not open yet (use it inside a test).")
      return warehouse
    },
    databaseUrl: () => url
  }
}

/** Rows of a query with bigint/numeric strings turned into numbers and dates into ISO strings. */
export const rows = async (warehouse: Warehouse, text: string, params?: ReadonlyArray<unknown>) =>
  (await warehouse.query<Record<string, unknown>>(text, params)).map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([column, value]) => [
        column,
        value instanceof Date
          ? value.toISOString()
          : typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)
            ? Number(value)
            : value
      ])
    )
  )

/**
 * Total Silver rows a report says were written. (A Gold refresh reports the materialized view's
 * rows; a full transformation refreshes it even when Silver did not change: see `report.gold`.)
 */
export const rowsWritten = (report: {
  readonly layers: ReadonlyArray<{ readonly layer: "silver" | "gold"; readonly rowsWritten: number }>
}) => report.layers.reduce((sum, layer) => sum + (layer.layer === "silver" ? layer.rowsWritten : 0), 0)
