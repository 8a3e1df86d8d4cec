/**
 * Timeouts: a server that accepts TCP but never answers fails the open after the connect timeout
 * (naming host:port and database, never the password); statements get a statement_timeout.
 */
import { createServer, type Server, type Socket } from "node:net"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { defaultConnectTimeoutMs, defaultStatementTimeoutMs, pgSettings } from "../../src/drivers/pg-settings.js"
import {
  openWarehouse,
  WarehouseConnectionError,
  WarehouseStatementTimeoutError,
  warehouseOptionsFromEnv
} from "../../src/index.js"

const password = "s1lent-S3CRET-pw"

/** Every message along the `cause` chain. */
const messages = (error: unknown): string[] => {
  const found: string[] = []
  for (let at: unknown = error; at instanceof Error; at = at.cause) found.push(at.message, String(at.stack))
  return found
}

describe("a server that accepts connections and never answers", () => {
  let server: Server
  let port: number
  const sockets = new Set<Socket>()
  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket)
      socket.on("close", () => sockets.delete(socket))
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    port = (server.address() as { port: number }).port
  })
  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  const expectTimeoutError = (error: unknown) => {
    expect(error).toBeInstanceOf(WarehouseConnectionError)
    const message = (error as Error).message
    expect(message).toContain(`127.0.0.1:${port}/silent_db`)
    expect(message).toContain("connect timeout")
    for (const text of messages(error)) expect(text).not.toContain(password)
  }

  it("fails the open after connectTimeoutMs", async () => {
    const url = `postgres://app:${password}@127.0.0.1:${port}/silent_db`
    expectTimeoutError(await openWarehouse({ databaseUrl: url, connectTimeoutMs: 300 }).catch((e: unknown) => e))
  })

  it("reads the timeout from DATABASE_CONNECT_TIMEOUT_MS and from connect_timeout in the URL", async () => {
    const url = `postgres://app:${password}@127.0.0.1:${port}/silent_db`
    const options = warehouseOptionsFromEnv({ DATABASE_URL: url, DATABASE_CONNECT_TIMEOUT_MS: "300" })
    expect(options.connectTimeoutMs).toBe(300)
    expectTimeoutError(await openWarehouse(options).catch((e: unknown) => e))
    expectTimeoutError(await openWarehouse({ databaseUrl: `${url}?connect_timeout=1` }).catch((e: unknown) => e))
  })
})

describe("timeout settings", () => {
  it("default to 10 s and 10 min; options win over URL parameters, which are not passed on", () => {
    expect(pgSettings("postgres://h/db", {})).toMatchObject({
      connectTimeoutMs: defaultConnectTimeoutMs,
      statementTimeoutMs: defaultStatementTimeoutMs,
      server: "h:5432/db"
    })
    expect(defaultConnectTimeoutMs).toBe(10_000)
    expect(defaultStatementTimeoutMs).toBe(600_000)
    const fromUrl = pgSettings("postgres://h:6543/db?connect_timeout=3&statement_timeout=250&sslmode=disable", {})
    expect(fromUrl).toMatchObject({ connectTimeoutMs: 3000, statementTimeoutMs: 250, server: "h:6543/db" })
    expect(fromUrl.url).toBe("postgres://h:6543/db?sslmode=disable")
    expect(
      pgSettings("postgres://h/db?connect_timeout=3", { connectTimeoutMs: 50, statementTimeoutMs: 0 })
    ).toMatchObject({ connectTimeoutMs: 50, statementTimeoutMs: 0 })
    expect(() => pgSettings("postgres://h/db?statement_timeout=5min", {})).toThrow(/statement_timeout/)
    expect(() =>
      warehouseOptionsFromEnv({ DATABASE_URL: "postgres://h/db", DATABASE_STATEMENT_TIMEOUT_MS: "-1" })
    ).toThrow(/DATABASE_STATEMENT_TIMEOUT_MS/)
  })
})

describe("statement timeout on PostgreSQL", () => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase("warehouse_timeouts")
  })
  afterAll(() => database.drop())

  const showTimeout = async (options: Parameters<typeof openWarehouse>[0]) => {
    const warehouse = await openWarehouse(options)
    try {
      const [row] = await warehouse.query<{ statement_timeout: string }>("SHOW statement_timeout")
      return row!.statement_timeout
    } finally {
      await warehouse.close()
    }
  }

  it("is set on every connection: 10 min by default, or from the options or the URL", async () => {
    expect(await showTimeout({ databaseUrl: database.url })).toBe("10min")
    expect(await showTimeout({ databaseUrl: `${database.url}?statement_timeout=250` })).toBe("250ms")
    expect(await showTimeout({ databaseUrl: `${database.url}?statement_timeout=250`, statementTimeoutMs: 0 })).toBe("0")
  })

  it("does not bound the wait for a free pool connection by the connect timeout", async () => {
    const warehouse = await openWarehouse({ databaseUrl: database.url, poolSize: 1, connectTimeoutMs: 250 })
    try {
      // The only connection is busy for longer than the connect timeout; the query waits for it.
      const busy = warehouse.transaction((tx) => tx.query("SELECT pg_sleep(1)"))
      const waiting = warehouse.query<{ one: number }>("SELECT 1 AS one")
      await busy
      expect(await waiting).toEqual([{ one: 1 }])
    } finally {
      await warehouse.close()
    }
  })

  it("cancels a statement that runs too long with WarehouseStatementTimeoutError; the warehouse stays usable", async () => {
    const warehouse = await openWarehouse({ databaseUrl: database.url, statementTimeoutMs: 150 })
    try {
      const error = await warehouse.query("SELECT pg_sleep(30)").catch((e: unknown) => e)
      expect(error).toBeInstanceOf(WarehouseStatementTimeoutError)
      expect((error as Error).message).toContain(`127.0.0.1:5432/${database.name}`)
      expect((error as Error).message).toContain("150 ms")
      const transaction = await warehouse.transaction((tx) => tx.query("SELECT pg_sleep(30)")).catch((e: unknown) => e)
      expect(transaction).toBeInstanceOf(WarehouseStatementTimeoutError)
      expect(await warehouse.query("SELECT 1 AS one")).toEqual([{ one: 1 }])
    } finally {
      await warehouse.close()
    }
  })
})
