/**
 * The committed migrations must produce exactly the Drizzle schema: drizzle-kit, run against a copy
 * of `migrations/`, must find nothing to generate. A schema change without its migration fails here.
 */
import { spawnSync } from "node:child_process"
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, describe, expect, it } from "vitest"

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..")
const drizzleKit = join(dirname(createRequire(import.meta.url).resolve("drizzle-kit")), "bin.cjs")
const scratch = mkdtempSync(join(packageRoot, "test", ".drift-"))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** Runs `drizzle-kit generate` into a copy of the migrations, minus `drop` of the newest ones. */
const generateInto = (name: string, drop = 0) => {
  const out = join(scratch, name)
  cpSync(join(packageRoot, "migrations"), out, { recursive: true })
  if (drop > 0) {
    const journalPath = join(out, "meta", "_journal.json")
    const journal = JSON.parse(readFileSync(journalPath, "utf8")) as {
      entries: Array<{ idx: number; tag: string }>
    }
    const removed = journal.entries.splice(-drop)
    for (const entry of removed) {
      rmSync(join(out, `${entry.tag}.sql`))
      rmSync(join(out, "meta", `${String(entry.idx).padStart(4, "0")}_snapshot.json`))
    }
    writeFileSync(journalPath, JSON.stringify(journal, null, 2))
  }
  const before = readdirSync(out).length
  // drizzle-kit resolves --out against the working directory: pass it relative.
  const result = spawnSync(
    process.execPath,
    [
      drizzleKit,
      "generate",
      "--dialect",
      "postgresql",
      "--schema",
      "./drizzle.schema.cjs",
      "--out",
      relative(packageRoot, out)
    ],
    { cwd: packageRoot, encoding: "utf8", timeout: 120_000, stdio: ["ignore", "pipe", "pipe"] }
  )
  return { output: `${result.stdout}${result.stderr}`, newFiles: readdirSync(out).length - before }
}

describe("migrations match the Drizzle schema (drizzle-kit drift check)", () => {
  it("finds nothing to generate from the committed migrations", () => {
    const { output, newFiles } = generateInto("committed")
    expect(output).toContain("No schema changes")
    expect(newFiles).toBe(0)
  })

  it("notices drift when the newest migration is missing", () => {
    const { output } = generateInto("behind", 1)
    expect(output).not.toContain("No schema changes")
  })
})
