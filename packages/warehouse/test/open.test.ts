import { describe, expect, it } from "vitest"
import { InvalidWarehouseOptionError, openWarehouse, warehouseOptionsFromEnv } from "../src/index.js"

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
    expect(warehouseOptionsFromEnv({ DATABASE_URL: " ", TRIALSYNC_DATA_DIR: "/tmp/w" })).toEqual({
      dataDir: "/tmp/w/pglite"
    })
    expect(warehouseOptionsFromEnv({})).toEqual({})
  })
})
