/**
 * One process at a time on an embedded warehouse directory: a real second process holds it, and
 * this one is refused with WarehouseInUseError; a lock left by a dead process is taken over.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { afterAll, describe, expect, it } from "vitest"
import { openWarehouse, WarehouseInUseError } from "../../src/index.js"

const root = mkdtempSync(join(tmpdir(), "trialsync-pglite-lock-"))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const holder = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "hold-pglite.ts")
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href

/** Starts a process that opens the warehouse at `dataDir`; resolves once it has. */
const holdInAnotherProcess = (dataDir: string) =>
  new Promise<ChildProcessWithoutNullStreams>((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=source", "--import", tsx, holder, dataDir])
    let output = ""
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes("open\n")) resolve(child)
    })
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()))
    child.on("exit", (code) => reject(new Error(`the holder exited (${code}) before opening:\n${output}`)))
  })

const exited = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode)
    else child.on("exit", (code) => resolve(code))
  })

describe("the embedded warehouse directory", () => {
  it("is refused to a second process while another one has it open, and free once it closed", async () => {
    const dataDir = join(root, "busy", "pglite")
    const child = await holdInAnotherProcess(dataDir)
    try {
      expect(readFileSync(`${dataDir}.lock`, "utf8").trim()).toBe(String(child.pid))
      const error = await openWarehouse({ dataDir }).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(WarehouseInUseError)
      expect((error as WarehouseInUseError)._tag).toBe("WarehouseInUseError")
      expect((error as WarehouseInUseError).pid).toBe(child.pid)
      expect((error as Error).message).toBe(
        `The embedded warehouse at ${dataDir} is in use by pid ${child.pid}; wait for it to finish, ` +
          "or set DATABASE_URL to a PostgreSQL server."
      )
      // The refusal left the holder's lock in place.
      expect(readFileSync(`${dataDir}.lock`, "utf8").trim()).toBe(String(child.pid))
    } finally {
      child.stdin.end()
      expect(await exited(child)).toBe(0)
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false)
    const warehouse = await openWarehouse({ dataDir })
    try {
      expect(readFileSync(`${dataDir}.lock`, "utf8").trim()).toBe(String(process.pid))
      expect(await warehouse.query("SELECT 1 AS one")).toEqual([{ one: 1 }])
    } finally {
      await warehouse.close()
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false)
  })

  it("takes over a stale lock left by a process that is gone", async () => {
    const dataDir = join(root, "stale", "pglite")
    const gone = spawn(process.execPath, ["-e", ""])
    await new Promise((resolve) => gone.on("exit", resolve))
    mkdirSync(dirname(dataDir), { recursive: true })
    writeFileSync(`${dataDir}.lock`, `${gone.pid}\n`)
    const warehouse = await openWarehouse({ dataDir })
    try {
      expect(readFileSync(`${dataDir}.lock`, "utf8").trim()).toBe(String(process.pid))
      // This process holds it now: a second open, even from here, is refused.
      await expect(openWarehouse({ dataDir })).rejects.toBeInstanceOf(WarehouseInUseError)
    } finally {
      await warehouse.close()
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false)
  })
})
