#!/usr/bin/env node
/**
 * The `trialsync` executable (`pnpm trialsync ...` from the repository root). The CLI is loaded
 * only when a command needs it, so `--help` answers at once.
 */
import { ExitCode } from "./cli/exit-codes.js"
import { guardUnfinished } from "./cli/unfinished-guard.js"
import { usageText } from "./cli/usage.js"

const main = async (args: ReadonlyArray<string>): Promise<number> => {
  if (args.length === 0) {
    process.stderr.write(`${usageText}\n`)
    return ExitCode.usage
  }
  if (args.length === 1 && (args[0] === "--help" || args[0] === "-h" || args[0] === "help")) {
    process.stdout.write(`${usageText}\n`)
    return ExitCode.success
  }
  const { runCli } = await import("./cli/main.js")
  return guardUnfinished(() => runCli(args), args[0])
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    process.exit(ExitCode.failure)
  }
)
