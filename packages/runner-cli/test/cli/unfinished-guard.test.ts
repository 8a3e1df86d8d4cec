import { spawnSync } from "node:child_process"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { describe, expect, it } from "vitest"
import { guardUnfinished } from "../../src/cli/unfinished-guard.js"

const here = dirname(fileURLToPath(import.meta.url))
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href

describe("guardUnfinished", () => {
  it("fails a process whose event loop drains under a pending command, instead of exiting 0", () => {
    const child = spawnSync(process.execPath, ["--import", tsxLoader, join(here, "fixtures", "never-settles.ts")], {
      encoding: "utf8",
      timeout: 60_000
    })
    expect(child.status).toBe(1)
    expect(child.stderr).toContain("the command 'run' stopped before it finished")
    expect(child.stderr).toContain("trialsync resume")
  })

  it("passes a finished command's exit code through and leaves no listener behind", async () => {
    const before = process.listenerCount("beforeExit")
    await expect(guardUnfinished(async () => 2, "jobs")).resolves.toBe(2)
    expect(process.listenerCount("beforeExit")).toBe(before)
  })
})
