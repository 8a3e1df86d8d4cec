import { existsSync } from "node:fs"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { cliEnv, runCli, tempWorkdir } from "../support/cli.js"

describe("trialsync demo", () => {
  const workdir = tempWorkdir()
  afterAll(() => workdir.remove())

  it("syncs a sandbox into the embedded warehouse, transforms it and prints the summaries", async () => {
    const result = await runCli(["demo", "--scale", "0.001", "--seed", "4"], {
      cwd: workdir.path,
      env: cliEnv(),
      timeoutMs: 240_000
    })
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      /^TrialSync demo: a Clinical Conductor sandbox \(scale 0\.001, seed 4, [\d,]+ records\)/
    )
    expect(result.stdout).toContain("warehouse: embedded PGlite in .trialsync/pglite")
    expect(result.stdout).toMatch(/^57 jobs: 57 success; [\d,]+ rows, [\d,]+ requests in /m)
    // Every staging table the sandbox can count holds exactly what it serves.
    const [, equal, compared] = result.stdout.match(/\((\d+) of (\d+) equal to what the sandbox serves\)/) ?? []
    expect(Number(compared)).toBeGreaterThan(40)
    expect(equal).toBe(compared)
    expect(result.stdout).not.toMatch(/ differs$/m)
    expect(result.stdout).toMatch(/^Transformation run 1 \(full\): success in /m)
    expect(result.stdout).toMatch(/^Data quality: (\d+) of \1 checks passed\.$/m)
    expect(result.stdout).toMatch(/^gold +v_study_enrollment_summary +\d+$/m)
    expect(result.stdout).toMatch(/^v_study_enrollment_summary:\nstudy_name +study_status +subjects_total/m)
    expect(result.stdout).toMatch(/^Demo done in /m)
    expect(existsSync(join(workdir.path, ".trialsync", "pglite"))).toBe(true)
  })
})
