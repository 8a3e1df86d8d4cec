import { createTestDatabase } from "@trialsync/warehouse/testing"
import pg from "pg"
import { describe, expect, it } from "vitest"

describe("createTestDatabase", () => {
  it("creates an isolated database and drops it", async () => {
    const db = await createTestDatabase("selftest")
    const client = new pg.Client({ connectionString: db.url })
    await client.connect()
    const { rows } = await client.query<{ name: string }>("select current_database() as name")
    expect(rows[0]?.name).toBe(db.name)
    await client.end()
    await db.drop()
    const admin = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/postgres" })
    await admin.connect()
    const left = await admin.query("select 1 from pg_database where datname = $1", [db.name])
    await admin.end()
    expect(left.rowCount).toBe(0)
  })
})
