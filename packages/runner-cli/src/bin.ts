#!/usr/bin/env node
/**
 * The `trialsync` executable (`pnpm trialsync ...` from the repository root).
 */
import { runCli } from "./cli/main.js"

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  }
)
