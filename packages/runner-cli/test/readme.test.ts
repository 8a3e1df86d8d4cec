import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import { engineConfigVariables } from "@trialsync/etl-core"
import { usageFor } from "../src/cli/usage.js"
import { ExitCode } from "../src/index.js"

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..")
const readme = readFileSync(join(root, "README.md"), "utf8")

describe("the root README stays true to the CLI", () => {
  it("opens with the two fresh-machine commands, the first ending with the demo", () => {
    const lines = readme.split("\n")
    expect(lines[0]).toBe("# TrialSync ETL")
    expect(lines).toContain("npm i -g pnpm@10 && pnpm install && pnpm trialsync demo")
    expect(lines).toContain("npm i -g pnpm@10 && pnpm install --frozen-lockfile && pnpm test:all")
    expect(lines.indexOf("npm i -g pnpm@10 && pnpm install && pnpm trialsync demo")).toBeLessThan(6)
  })

  it("documents every configuration variable with its default", () => {
    for (const variable of engineConfigVariables) {
      const row = readme.split("\n").find((line) => line.startsWith(`| \`${variable.name}\``))
      expect(row, variable.name).toBeDefined()
      if (variable.defaultValue !== undefined) expect(row).toContain(`\`${variable.defaultValue}\``)
    }
  })

  it("documents every exit code", () => {
    for (const code of Object.values(ExitCode)) expect(readme).toMatch(new RegExp(`^\\| ${code} +\\|`, "m"))
  })

  it("mentions only commands the CLI has", () => {
    const mentioned = [...readme.matchAll(/pnpm trialsync (\w+)/g)].map((match) => match[1])
    expect(mentioned.length).toBeGreaterThan(5)
    for (const command of new Set(mentioned)) expect(usageFor(command), command).toBeDefined()
  })
})
