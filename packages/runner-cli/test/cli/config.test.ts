import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { cliEnv, runCli, tempWorkdir } from "../support/cli.js"

describe.concurrent("configuration errors exit 2 and name the variable", () => {
  const workdir = tempWorkdir()
  afterAll(() => workdir.remove())
  const migrate = (env: Record<string, string>) => runCli(["migrate"], { cwd: workdir.path, env: cliEnv(env) })

  it("a CC_API_BASE_URL that is not a URL", async () => {
    const result = await migrate({ CC_API_BASE_URL: "cc.example.org/CCSWEB", CC_API_KEY: "k" })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(
      'CC_API_BASE_URL is not a URL (got "cc.example.org/CCSWEB"): set it to your Clinical Conductor URL with its scheme, e.g. https://host/CCSWEB.'
    )
  })

  it("a bad ETL_PAGE_SIZE", async () => {
    const result = await migrate({ ETL_PAGE_SIZE: "5000" })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/ETL_PAGE_SIZE must be a whole number from 1 to 1000 \(got "5000"\): set it to/)
  })

  it("a bad LOG_FORMAT", async () => {
    const result = await migrate({ LOG_FORMAT: "xml" })
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/LOG_FORMAT must be one of pretty, json \(got "xml"\)/)
  })

  it("a DATABASE_URL that is not PostgreSQL, without echoing it", async () => {
    const result = await migrate({ DATABASE_URL: "mysql://app:pw-SECRET-1@db/dw" })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("DATABASE_URL is not a PostgreSQL URL (value not shown)")
    expect(result.stderr + result.stdout).not.toContain("pw-SECRET-1")
  })

  it("a mistake in .env, reported with every other one", async () => {
    // Its own directory: the other cases run at the same time and must not read this .env.
    const project = tempWorkdir()
    writeFileSync(join(project.path, ".env"), "ETL_CONCURRENCY=0\nLOG_LEVEL=loud\n")
    const result = await runCli(["migrate"], { cwd: project.path, env: cliEnv() }).finally(project.remove)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/ETL_CONCURRENCY must be a whole number from 1 to 64 \(got "0"\)/)
    expect(result.stderr).toMatch(/LOG_LEVEL must be one of debug, info, warn, error \(got "loud"\)/)
  })
})
