/**
 * The command tree, parsed by @effect/cli.
 */
import { Command } from "@effect/cli"
import { Effect } from "effect"
import { demoCommand } from "../commands/demo.js"
import { instancesCommand } from "../commands/instances.js"
import { jobsCommand } from "../commands/jobs.js"
import { migrateCommand } from "../commands/migrate.js"
import { resumeCommand } from "../commands/resume.js"
import { runCommand as runSyncCommand } from "../commands/run.js"
import { sandboxCommand } from "../commands/sandbox.js"
import { historyCommand, statusCommand } from "../commands/status.js"
import { transformCommand } from "../commands/transform.js"
import { UsageError } from "./errors.js"

export const cliVersion = "0.1.0"

export const rootCommand = Command.make("trialsync", {}, () =>
  Effect.fail(new UsageError({ message: "No command given." }))
).pipe(
  Command.withSubcommands([
    migrateCommand,
    jobsCommand,
    instancesCommand,
    runSyncCommand,
    resumeCommand,
    statusCommand,
    historyCommand,
    transformCommand,
    sandboxCommand,
    demoCommand
  ])
)

/** Parses `args` (without `node` and the script) and runs the command. */
export const runCommand = (args: ReadonlyArray<string>) =>
  Command.run(rootCommand, { name: "trialsync", version: cliVersion })(["node", "trialsync", ...args])
