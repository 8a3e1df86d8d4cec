/**
 * Locks on PostgreSQL across processes: a real second process holds a lock, this one is refused;
 * SIGKILLed, its lock is freed by the server. A lock holds a connection of its own (never a pool
 * connection), survives the server dropping that connection without crashing the process, and
 * ends with `close()`.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { setTimeout as sleep } from "node:timers/promises"
import { fileURLToPath, pathToFileURL } from "node:url"
import { createTestDatabase, type TestDatabase, testAdminUrl } from "@trialsync/warehouse/testing"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type LockKey, openWarehouse, type Warehouse } from "../../src/index.js"

const holder = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "hold-lock.ts")
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href

/** Starts a process that tries the lock on `key`; resolves with it and what it printed. */
const lockInAnotherProcess = (url: string, key: LockKey) =>
  new Promise<{ child: ChildProcessWithoutNullStreams; said: "locked" | "busy" }>((resolve, reject) => {
    const child = spawn(process.execPath, [
      "--conditions=source",
      "--import",
      tsx,
      holder,
      url,
      String(key.space),
      String(key.id)
    ])
    let output = ""
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes("locked\n")) resolve({ child, said: "locked" })
      if (output.includes("busy\n")) resolve({ child, said: "busy" })
    })
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()))
    child.on("exit", (code) => reject(new Error(`the holder exited (${code}) before locking:\n${output}`)))
  })

const exited = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode)
    else child.on("exit", (code) => resolve(code))
  })

/** Polls until the lock is free (the server ends a dead client's session within moments). */
const freed = async (warehouse: Warehouse, key: LockKey, withinMs = 10_000) => {
  const deadline = Date.now() + withinMs
  while (await warehouse.isLocked(key)) {
    if (Date.now() > deadline) throw new Error(`the lock ${JSON.stringify(key)} is still held after ${withinMs} ms`)
    await sleep(20)
  }
}

describe("node-postgres locks", () => {
  let database: TestDatabase
  let warehouse: Warehouse
  let admin: pg.Client
  beforeAll(async () => {
    database = await createTestDatabase("warehouse_locks")
    warehouse = await openWarehouse({ databaseUrl: database.url, poolSize: 2 })
    admin = new pg.Client({ connectionString: testAdminUrl() })
    await admin.connect()
  })
  afterAll(async () => {
    await admin?.end()
    await warehouse?.close()
    await database?.drop()
  })

  it("a lock held by another process refuses this one, and dies with that process (SIGKILL)", async () => {
    const key = { space: 1, id: 42 }
    const { child, said } = await lockInAnotherProcess(database.url, key)
    try {
      expect(said).toBe("locked")
      expect(await warehouse.isLocked(key)).toBe(true)
      expect(await warehouse.tryLock(key)).toBeUndefined()
      expect(await warehouse.isLocked({ space: 1, id: 43 })).toBe(false)
    } finally {
      child.kill("SIGKILL")
      await exited(child)
    }
    expect(child.signalCode).toBe("SIGKILL")
    await freed(warehouse, key)
    const lock = await warehouse.tryLock(key)
    expect(lock).toBeDefined()
    await lock!.release()
  })

  it("a lock held here refuses another process until it is released", async () => {
    const key = { space: 2, id: 42 }
    const lock = await warehouse.tryLock(key)
    expect(lock).toBeDefined()
    const busy = await lockInAnotherProcess(database.url, key)
    busy.child.stdin.end()
    expect(busy.said).toBe("busy")
    expect(await exited(busy.child)).toBe(0)
    await lock!.release()
    const taken = await lockInAnotherProcess(database.url, key)
    expect(taken.said).toBe("locked")
    expect(await warehouse.isLocked(key)).toBe(true)
    taken.child.stdin.end()
    expect(await exited(taken.child)).toBe(0)
    expect(await warehouse.isLocked(key)).toBe(false)
  })

  it("holds a connection of its own per lock, never one of the pool", async () => {
    const locks = await Promise.all([1, 2, 3, 4, 5].map((id) => warehouse.tryLock({ space: 3, id })))
    expect(locks.every((lock) => lock !== undefined)).toBe(true)
    // The pool has 2 connections; 5 locks are held and queries still run.
    const [row] = await warehouse.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = 3 AND granted"
    )
    expect(row!.n).toBe(5)
    expect(await warehouse.transaction((tx) => tx.query("SELECT 1 AS one"))).toEqual([{ one: 1 }])
    await Promise.all(locks.map((lock) => lock!.release()))
    const [after] = await warehouse.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = 3"
    )
    expect(after!.n).toBe(0)
  })

  it("a lock connection the server drops does not crash the process: the lock is lost and free", async () => {
    const key = { space: 4, id: 1 }
    const lock = await warehouse.tryLock(key)
    expect(lock).toBeDefined()
    const { rows } = await admin.query<{ pid: number }>(
      "SELECT pid, pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = 4 AND objid = 1"
    )
    expect(rows).toHaveLength(1)
    await freed(warehouse, key)
    for (let i = 0; i < 100 && !lock!.lost(); i++) await sleep(10)
    expect(lock!.lost()).toBe(true)
    await lock!.release()
    const again = await warehouse.tryLock(key)
    expect(again).toBeDefined()
    await again!.release()
  })

  it("close() releases the locks still held", async () => {
    const other = await openWarehouse({ databaseUrl: database.url })
    const key = { space: 5, id: 1 }
    expect(await other.tryLock(key)).toBeDefined()
    expect(await warehouse.isLocked(key)).toBe(true)
    await other.close()
    expect(await warehouse.isLocked(key)).toBe(false)
  })
})
