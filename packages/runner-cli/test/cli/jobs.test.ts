import { afterAll, describe, expect, it } from "@effect/vitest"
import { cliEnv, runCli, tempWorkdir } from "../support/cli.js"

interface JobRow {
  readonly id: number
  readonly name: string
  readonly status: string
  readonly reason: string
  readonly active: boolean
}

describe("trialsync jobs", () => {
  const workdir = tempWorkdir()
  afterAll(() => workdir.remove())
  const cli = (...args: Array<string>) => runCli(args, { cwd: workdir.path, env: cliEnv() })

  it("lists the catalog as JSON (90 rows) without creating a warehouse, then with the stored switches", async () => {
    const before = await cli("jobs", "list", "--json")
    expect(before.code).toBe(0)
    const rows = JSON.parse(before.stdout) as Array<JobRow>
    expect(rows).toHaveLength(90)
    expect(rows.map((row) => row.id)).toEqual([...rows.map((row) => row.id)].sort((a, b) => a - b))
    expect(rows.find((row) => row.id === 2)).toMatchObject({ name: "Studies", status: "valid", active: true })
    expect(rows.filter((row) => row.active)).toHaveLength(57)
    for (const row of rows) expect(row.reason.length).toBeGreaterThan(10)
    expect(before.stderr).toContain("The warehouse is not migrated yet")

    expect((await cli("migrate")).code).toBe(0)
    const after = await cli("jobs", "list", "--json")
    expect(after.code).toBe(0)
    expect(after.stderr).toBe("")
    expect((JSON.parse(after.stdout) as Array<JobRow>).filter((row) => row.active)).toHaveLength(57)
  })

  it("lists the catalog as a table for people", async () => {
    const result = await cli("jobs", "list")
    expect(result.code).toBe(0)
    const lines = result.stdout.split("\n")
    expect(lines[0]).toMatch(/^ id {2}name +category +status +active +endpoint +reason$/)
    expect(lines.find((line) => line.startsWith("  2  Studies"))).toMatch(/core +valid +yes +\/api\/v1\/studies\/odata/)
    expect(result.stdout).toContain("90 jobs: 55 valid, 12 fixed, 16 disabled, 7 not in spec; 57 active.")
  })

  it("validates every endpoint against the spec and exits 0 on the shipped catalog", async () => {
    const result = await cli("jobs", "validate")
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Checked 90 jobs against Clinical Conductor API V1\.0 \(310 operations/)
    expect(result.stdout).toContain("0 errors, 0 warnings.")
  })
})
