import { describe, expect, it } from "vitest"
import {
  InvalidDatabaseUrlError,
  InvalidWarehouseOptionError,
  openWarehouse,
  warehouseOptionsFromEnv
} from "../src/index.js"

describe("openWarehouse options", () => {
  it("refuses contradictory options before opening anything", async () => {
    await expect(openWarehouse({ databaseUrl: "postgres://db/x", inMemory: true })).rejects.toBeInstanceOf(
      InvalidWarehouseOptionError
    )
    await expect(openWarehouse({ inMemory: true, dataDir: "somewhere" })).rejects.toBeInstanceOf(
      InvalidWarehouseOptionError
    )
  })

  it("reads DATABASE_URL (PostgreSQL) or TRIALSYNC_DATA_DIR (PGlite) from the environment", () => {
    expect(warehouseOptionsFromEnv({ DATABASE_URL: "postgres://db/x" })).toEqual({ databaseUrl: "postgres://db/x" })
    expect(warehouseOptionsFromEnv({ DATABASE_URL: " postgresql://db/x\n" })).toEqual({
      databaseUrl: "postgresql://db/x"
    })
    expect(warehouseOptionsFromEnv({ TRIALSYNC_DATA_DIR: "/tmp/w" })).toEqual({ dataDir: "/tmp/w/pglite" })
    expect(warehouseOptionsFromEnv({})).toEqual({})
  })

  it("refuses a DATABASE_URL that is set but empty, instead of silently using the embedded warehouse", async () => {
    for (const empty of ["", " ", "\t\n"]) {
      const fromEnv = (() => {
        try {
          return warehouseOptionsFromEnv({ DATABASE_URL: empty, TRIALSYNC_DATA_DIR: "/tmp/w" })
        } catch (error) {
          return error
        }
      })()
      expect(fromEnv).toBeInstanceOf(InvalidDatabaseUrlError)
      expect((fromEnv as InvalidDatabaseUrlError)._tag).toBe("InvalidDatabaseUrlError")
      expect((fromEnv as Error).message).toBe(
        "DATABASE_URL is set but empty: unset it to use the embedded warehouse, or set it to a postgres:// URL."
      )
      const opened = await openWarehouse({ databaseUrl: empty }).catch((error: unknown) => error)
      expect(opened).toBeInstanceOf(InvalidDatabaseUrlError)
      expect((opened as Error).message).toMatch(/^databaseUrl is set but empty/)
    }
  })

  it("refuses a URL that is not PostgreSQL, without repeating it", async () => {
    for (const url of ["mysql://app:pw-SECRET-9@db/dw", "not a url pw-SECRET-9", "http://db/pw-SECRET-9"]) {
      const error = (() => {
        try {
          return warehouseOptionsFromEnv({ DATABASE_URL: url })
        } catch (caught) {
          return caught
        }
      })()
      expect(error).toBeInstanceOf(InvalidDatabaseUrlError)
      expect((error as Error).message).toContain("DATABASE_URL is not a PostgreSQL URL (value not shown)")
      expect((error as Error).message).not.toContain("pw-SECRET-9")
      const opened = await openWarehouse({ databaseUrl: url }).catch((caught: unknown) => caught)
      expect(opened).toBeInstanceOf(InvalidDatabaseUrlError)
      expect((opened as Error).message).not.toContain("pw-SECRET-9")
    }
  })
})
