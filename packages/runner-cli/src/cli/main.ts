/**
 * Running the CLI as a process: parse, run, print what went wrong, and turn the outcome into an
 * exit code (see `ExitCode`).
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import { Cause, Effect, Exit, Fiber, Layer } from "effect"
import { CliOutput, type CliOutputShape, makeCliOutput } from "../output/cli-output.js"
import { makePlainConsole } from "../output/plain-console.js"
import { runCommand } from "./app.js"
import { ExitCode, exitCodeForSignal, type StopSignal } from "./exit-codes.js"
import { reportFailure } from "./report-failure.js"
import { makeSignalHub } from "./signals.js"
import { usageText } from "./usage.js"

/**
 * Runs the CLI with `args` (as after `trialsync`) and resolves to the exit code. Installs
 * SIGINT/SIGTERM listeners for its duration.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2))
 * ```
 */
export const runCli = async (
  args: ReadonlyArray<string>,
  output: CliOutputShape = makeCliOutput()
): Promise<number> => {
  // Mask secrets from the process environment from the very first line; the configuration adds
  // the ones a .env file brings.
  output.redactor.add(process.env.CC_API_KEY?.trim())
  output.redactor.addDatabaseUrl(process.env.DATABASE_URL?.trim())

  if (args.length === 0) {
    output.err(usageText)
    return ExitCode.usage
  }
  if (args.length === 1 && (args[0] === "--help" || args[0] === "-h" || args[0] === "help")) {
    output.out(usageText)
    return ExitCode.success
  }

  const hub = makeSignalHub()
  const program = runCommand(args).pipe(
    Effect.as(ExitCode.success as number),
    Effect.catchAll((error) => Effect.sync(() => reportFailure(output, error, args[0]))),
    Effect.withConsole(makePlainConsole(output)),
    Effect.provide(Layer.mergeAll(NodeContext.layer, hub.layer, CliOutput.layer(output)))
  )
  const fiber = Effect.runFork(program)
  const onSignal = (signal: StopSignal) => {
    if (hub.service.received() !== undefined) {
      output.err(`${signal} again: exiting without waiting for the cleanup.`)
      process.exit(exitCodeForSignal(signal))
    }
    if (!hub.deliver(signal)) fiber.unsafeInterruptAsFork(fiber.id())
  }
  const onSigint = () => onSignal("SIGINT")
  const onSigterm = () => onSignal("SIGTERM")
  process.on("SIGINT", onSigint)
  process.on("SIGTERM", onSigterm)
  try {
    const exit = await Effect.runPromise(Fiber.await(fiber))
    const signal = hub.service.received()
    // A command that failed after a signal reports the signal (130/143), not a job failure.
    if (Exit.isSuccess(exit))
      return exit.value === ExitCode.failure && signal !== undefined ? exitCodeForSignal(signal) : exit.value
    if (Cause.isInterruptedOnly(exit.cause) && signal !== undefined) {
      output.err(`Stopped by ${signal}.`)
      return exitCodeForSignal(signal)
    }
    output.err(`Unexpected failure: ${Cause.pretty(exit.cause)}`)
    return signal === undefined ? ExitCode.failure : exitCodeForSignal(signal)
  } finally {
    process.off("SIGINT", onSigint)
    process.off("SIGTERM", onSigterm)
  }
}
