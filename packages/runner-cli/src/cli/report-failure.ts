/**
 * How a failed command is told to the operator, and the exit code it gets: 2 when the operator
 * can fix it by changing a flag or a setting, 1 when something failed at run time.
 */
import { ValidationError } from "@effect/cli"
import type { CliOutputShape } from "../output/cli-output.js"
import { ExitCode, exitCodeForSignal, type StopSignal } from "./exit-codes.js"
import { usageFor, usageText } from "./usage.js"

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** Engine errors that mean "the request cannot be done as asked": fix the flags or the order of runs. */
const requestErrors = new Set([
  "UnknownJobError",
  "UnknownCategoryError",
  "JobNotRunnableError",
  "ParentNotLoadedError",
  "RunNotFoundError",
  "InstanceMismatchError",
  "RunInProgressError"
])

/** What a CC answer that identifies nothing says about the configuration. */
const sourceHints: Record<string, string> = {
  Unauthorized:
    "check CC_API_KEY and the header it is sent in (CC_API_KEY_HEADER, usually CCAPIKey; older installs X-ApiKey).",
  Forbidden: "the API user of CC_API_KEY lacks permissions in CC.",
  NotFound: "check CC_API_BASE_URL: it must include the site path, e.g. https://host/CCSWEB.",
  BadResponse: "check CC_API_BASE_URL: it must point at the CC API, not at a login page."
}

/** What a warehouse failure the operator can fix says to do, and its exit code; undefined when none. */
const warehouseHint = (message: string): { readonly hint: string; readonly code: number } | undefined => {
  const denied = /permission denied for (\w+) "?([\w.]+)"?|cannot execute \w+ in a read-only transaction/.exec(message)
  if (denied !== null) {
    const what =
      denied[1] === undefined ? "the session is read-only" : `permission denied for ${denied[1]} ${denied[2]}`
    return {
      hint:
        `The database role in DATABASE_URL cannot write to the warehouse (${what}): grant it INSERT, UPDATE and ` +
        "DELETE on the warehouse tables (and USAGE on its schemas and sequences), or set DATABASE_URL to a role " +
        "that can, such as the one that ran `pnpm trialsync migrate`.",
      code: ExitCode.usage
    }
  }
  const refused = /ECONNREFUSED (\S+)/.exec(message)
  if (refused !== null) {
    return {
      hint: `Nothing accepts connections at ${refused[1]}: start PostgreSQL there, or fix DATABASE_URL.`,
      code: ExitCode.failure
    }
  }
  return undefined
}

/** Prints a command's failure and returns its exit code. */
export const reportFailure = (output: CliOutputShape, error: unknown, commandName: string | undefined): number => {
  if (ValidationError.isValidationError(error)) {
    // @effect/cli has already printed what is wrong; add the usage.
    const commandUsage = usageFor(commandName)
    output.err(
      commandUsage === undefined ? usageText : `Usage: ${commandUsage}\nMore: pnpm trialsync ${commandName} --help`
    )
    return ExitCode.usage
  }
  const tag = String((error as { _tag?: unknown })._tag)
  if (tag === "UsageError") {
    const usage = (error as { usage?: string }).usage
    output.err(`error: ${messageOf(error)}`, usage === undefined ? usageText : `Usage: ${usage}`)
    return ExitCode.usage
  }
  if (tag === "ConfigError") {
    output.err(`Configuration error:\n${messageOf(error)}`)
    return ExitCode.usage
  }
  if (tag === "StoppedBySignal") {
    output.err(messageOf(error))
    return exitCodeForSignal((error as { signal: StopSignal }).signal)
  }
  if (requestErrors.has(tag)) {
    output.err(`error: ${messageOf(error)}`)
    return ExitCode.usage
  }
  if (tag === "SourceUnavailableError") {
    const hint = sourceHints[String((error as { tag?: unknown }).tag)]
    output.err(`error: ${messageOf(error)}`, ...(hint === undefined ? [] : [`Configuration: ${hint}`]))
    return hint === undefined ? ExitCode.failure : ExitCode.usage
  }
  if (tag === "WarehouseError" && /relation "dw_\w+" does not exist/.test(messageOf(error))) {
    output.err(`error: ${messageOf(error)}`, "The warehouse is not migrated: run `pnpm trialsync migrate` first.")
    return ExitCode.failure
  }
  const hint = tag === "WarehouseError" || tag === "CommandFailed" ? warehouseHint(messageOf(error)) : undefined
  if (hint !== undefined) {
    output.err(`error: ${messageOf(error)}`, hint.hint)
    return hint.code
  }
  output.err(`error: ${messageOf(error)}`)
  return ExitCode.failure
}
