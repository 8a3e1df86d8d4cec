/**
 * What a command can end with besides success, and the exit code each maps to.
 */
import { Data } from "effect"

/**
 * Exit codes (documented in the README):
 * 0 everything succeeded; 1 a job did not succeed (failed, partial or cancelled) or the command
 * failed at run time; 2 usage or configuration error; 130/143 stopped by SIGINT/SIGTERM (128 +
 * the signal number, as shells report it).
 */
export const ExitCode = { success: 0, failure: 1, usage: 2, sigint: 130, sigterm: 143 } as const

export type StopSignal = "SIGINT" | "SIGTERM"

export const exitCodeForSignal = (signal: StopSignal): number =>
  signal === "SIGINT" ? ExitCode.sigint : ExitCode.sigterm

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
