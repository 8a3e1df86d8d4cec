/** node-postgres specifics: the connection string's password never surfaces. */
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { InvalidDatabaseUrlError, openWarehouse, WarehouseConnectionError } from "../../src/index.js"

const password = "Sup3r-s3cret-pw"

describe("node-postgres secrets", () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase("warehouse_secrets")
  })
  afterAll(() => database.drop())

  const withPassword = (url: string) => {
    const parsed = new URL(url)
    parsed.username = parsed.username || "postgres"
    parsed.password = password
    return parsed.toString()
  }

  it("describe() and query errors never contain the password", async () => {
    // The local server trusts connections, so a URL with any password opens.
    const warehouse = await openWarehouse({ databaseUrl: withPassword(database.url) })
    try {
      expect(warehouse.driver).toBe("node-postgres")
      expect(warehouse.describe()).toBe(`postgres://postgres:***@127.0.0.1:5432/${database.name}`)
      const error = await warehouse.query("SELEC 1").catch((cause: unknown) => cause)
      expect(error).toBeInstanceOf(Error)
      expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(password)
    } finally {
      await warehouse.close()
    }
  })

  it("a failed connection names the redacted target, not the password", async () => {
    const unreachable = `postgres://app:${password}@127.0.0.1:1/nowhere`
    const error = await openWarehouse({ databaseUrl: unreachable }).catch((cause: unknown) => cause)
    expect(error).toBeInstanceOf(WarehouseConnectionError)
    expect(String((error as Error).message)).toContain("postgres://app:***@127.0.0.1:1/nowhere")
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain(password)

    const malformed = await openWarehouse({ databaseUrl: `mysql://app:${password}@db/x` }).catch(
      (cause: unknown) => cause
    )
    expect(malformed).toBeInstanceOf(InvalidDatabaseUrlError)
    expect(JSON.stringify(malformed, Object.getOwnPropertyNames(malformed))).not.toContain(password)
  })
})
