/**
 * What a command can end with besides success, and the exit code each maps to.
 */
import { Data } from "effect"
import type { StopSignal } from "./exit-codes.js"

export { ExitCode, exitCodeForSignal, type StopSignal } from "./exit-codes.js"

/** Wrong flags or arguments: exit 2, with the usage line of the command. */
export class UsageError extends Data.TaggedError("UsageError")<{
  readonly message: string
  /** The command's usage line, printed under the message. */
  readonly usage?: string
}> {}

/** The command ran but did not succeed (a job failed, a check failed): exit 1. */
export class CommandFailed extends Data.TaggedError("CommandFailed")<{
  readonly message: string
}> {}

/** The command was stopped by a signal after cleaning up: exit 130 or 143. */
export class StoppedBySignal extends Data.TaggedError("StoppedBySignal")<{
  readonly signal: StopSignal
  readonly message: string
}> {}
