/** `DATABASE_URL` set but empty is refused, never read as "use the embedded warehouse". */
import { existsSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { warehouseOptionsFor } from "../../src/context/warehouse.js"
import { loadEngineConfig } from "../../src/engine.js"
import { cliEnv, runCli, tempWorkdir } from "../support/cli.js"

const message = "DATABASE_URL is set but empty: unset it to use the embedded warehouse, or set it to a postgres:// URL."

describe("an empty DATABASE_URL", () => {
  const workdir = tempWorkdir()
  afterAll(() => workdir.remove())

  it("makes `trialsync migrate` fail with a clear message and creates no embedded warehouse", async () => {
    for (const empty of ["", "   "]) {
      const result = await runCli(["migrate"], { cwd: workdir.path, env: cliEnv({ DATABASE_URL: empty }) })
      expect(result.code).not.toBe(0)
      expect(result.stderr).toContain(message)
      expect(existsSync(join(workdir.path, ".trialsync", "pglite"))).toBe(false)
    }
  })

  it("is refused by the configuration of every command; an unset one selects PGlite", async () => {
    const refused = await Effect.runPromise(Effect.flip(loadEngineConfig({ DATABASE_URL: " \t" }, { require: [] })))
    expect(refused.variable).toBe("DATABASE_URL")
    expect(refused.message).toContain(message)
    const config = await Effect.runPromise(loadEngineConfig({ TRIALSYNC_DATA_DIR: "/tmp/ts-x" }, { require: [] }))
    expect(warehouseOptionsFor(config, {})).toEqual({ dataDir: join("/tmp/ts-x", "pglite") })
  })

  it("makes `trialsync run` refuse too, before touching CC or a warehouse", async () => {
    const result = await runCli(["run", "--job-id", "1"], {
      cwd: workdir.path,
      env: cliEnv({ DATABASE_URL: "", CC_API_BASE_URL: "http://127.0.0.1:9/CCSWEB", CC_API_KEY: "k-123456" })
    })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(message)
    expect(existsSync(join(workdir.path, ".trialsync", "pglite"))).toBe(false)
  })

  it("a set DATABASE_URL comes with the warehouse's timeout variables", async () => {
    const config = await Effect.runPromise(loadEngineConfig({ DATABASE_URL: "postgres://h/db" }, { require: [] }))
    expect(
      warehouseOptionsFor(config, { DATABASE_CONNECT_TIMEOUT_MS: "1234", DATABASE_STATEMENT_TIMEOUT_MS: "0" })
    ).toEqual({ databaseUrl: "postgres://h/db", connectTimeoutMs: 1234, statementTimeoutMs: 0 })
    expect(warehouseOptionsFor(config, {})).toEqual({ databaseUrl: "postgres://h/db" })
  })
})
