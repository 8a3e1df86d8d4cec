/**
 * Reading a `.env` file: `KEY=value` lines as Node's own `util.parseEnv` understands them
 * (quotes, `export KEY=...`, comments), without touching `process.env`.
 */
import { readFileSync } from "node:fs"
import { parseEnv } from "node:util"
import type { ConfigProblem } from "./errors.js"

export type EnvFileResult =
  | { readonly _tag: "Loaded"; readonly values: Record<string, string> }
  | { readonly _tag: "Absent" }
  | { readonly _tag: "Unreadable"; readonly problem: ConfigProblem }

/**
 * Reads and parses `path`. A missing file is not an error (`.env` is optional); a file that
 * exists but cannot be read is.
 */
export const readEnvFile = (path: string): EnvFileResult => {
  let content: string
  try {
    content = readFileSync(path, "utf8")
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code
    if (code === "ENOENT") return { _tag: "Absent" }
    return {
      _tag: "Unreadable",
      problem: {
        variable: ".env",
        message: `.env could not be read (${path}: ${code ?? "unknown error"}): fix its permissions or remove it.`
      }
    }
  }
  const values: Record<string, string> = {}
  for (const [key, value] of Object.entries(parseEnv(content))) {
    if (value !== undefined) values[key] = value
  }
  return { _tag: "Loaded", values }
}
