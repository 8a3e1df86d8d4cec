/**
 * The one error configuration can fail with. Its message names each variable that is wrong, why,
 * and what to set; it never contains the value of a secret.
 */
import { Data } from "effect"

/** One wrong or missing variable. */
export interface ConfigProblem {
  /** The environment variable (or `.env` for the file itself). */
  readonly variable: string
  /** A sentence starting with the variable's name that says what to set. */
  readonly message: string
}

/**
 * Configuration is missing or invalid. `variable` names the first problem; `problems` lists all
 * of them (a `.env` with three mistakes is reported once, not three runs in a row).
 *
 * @example
 * ```ts
 * loadEngineConfig().pipe(
 *   Effect.catchTag("ConfigError", (error) => Console.error(error.message)) // "ETL_PAGE_SIZE must be ..."
 * )
 * ```
 */
export class ConfigError extends Data.TaggedError("ConfigError")<{
  readonly variable: string
  readonly message: string
  readonly problems?: ReadonlyArray<ConfigProblem>
}> {
  /** Builds the error from one or more problems (at least one). */
  static fromProblems(problems: ReadonlyArray<ConfigProblem>): ConfigError {
    const [first] = problems
    if (first === undefined) throw new Error("ConfigError.fromProblems needs at least one problem")
    return new ConfigError({
      variable: first.variable,
      message: problems.map((problem) => problem.message).join("\n"),
      problems
    })
  }
}
