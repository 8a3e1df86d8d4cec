/**
 * Every environment variable the engine reads, with its default and meaning: one list that the
 * loader's messages, the CLI's help and the README's configuration table agree with.
 */

export interface ConfigVariable {
  readonly name: string
  /** The default as an operator would write it; `undefined` when there is none. */
  readonly defaultValue: string | undefined
  /** What the value is, phrased to finish "set it to ...". */
  readonly meaning: string
  /** An example value for messages and docs. */
  readonly example: string
  /** Never printed: messages say "value not shown" instead. */
  readonly secret: boolean
}

const variable = (
  name: string,
  defaultValue: string | undefined,
  meaning: string,
  example: string,
  secret = false
): ConfigVariable => ({ name, defaultValue, meaning, example, secret })

/**
 * The engine's variables, in the order the README lists them.
 *
 * @example
 * ```ts
 * for (const v of engineConfigVariables) console.log(`${v.name}=${v.defaultValue ?? ""}  # ${v.meaning}`)
 * ```
 */
export const engineConfigVariables: ReadonlyArray<ConfigVariable> = [
  variable("CC_API_BASE_URL", undefined, "your Clinical Conductor URL including the site path", "https://host/CCSWEB"),
  variable("CC_API_KEY", undefined, "the API key of your CC API user", "<your key>", true),
  variable("CC_API_KEY_HEADER", "CCAPIKey", "the header CC reads the key from (older installs: X-ApiKey)", "CCAPIKey"),
  variable(
    "DATABASE_URL",
    undefined,
    "a PostgreSQL URL; unset, the embedded PGlite warehouse under TRIALSYNC_DATA_DIR is used",
    "postgres://user:password@host:5432/warehouse",
    true
  ),
  variable(
    "TRIALSYNC_DATA_DIR",
    ".trialsync",
    "the directory of local state (PGlite lives in <dir>/pglite)",
    ".trialsync"
  ),
  variable("ETL_PAGE_SIZE", "1000", "the records fetched per request ($top, at most 1000)", "1000"),
  variable("ETL_CONCURRENCY", "8", "the requests in flight at once, for the whole process", "8"),
  variable("ETL_RATE_LIMIT_RPS", "10", "the requests per second for the whole process (0 = unlimited)", "10"),
  variable(
    "ETL_RATE_LIMIT_RPS_MAX",
    "0",
    "the ceiling of the adaptive rate: above ETL_RATE_LIMIT_RPS the rate adapts up to it (0 = a fixed rate)",
    "50"
  ),
  variable("ETL_MAX_RETRIES", "5", "the retries of a failed request after its first attempt", "5"),
  variable("ETL_TIMEOUT_SECONDS", "30", "the seconds one request attempt may take", "30"),
  variable(
    "ETL_FULL_SWEEP_HOURS",
    "168",
    "the hours after which a fan-out job refetches every parent, not only changed ones (0 = every run)",
    "168"
  ),
  variable(
    "ETL_INCREMENTAL_OVERLAP_SECONDS",
    "300",
    "the seconds an incremental job re-reads before its watermark",
    "300"
  ),
  variable("LOG_LEVEL", "info", "the least severe log level printed: debug, info, warn or error", "info"),
  variable("LOG_FORMAT", "pretty", "pretty (for people) or json (one JSON object per line)", "json")
]

/** The variable named `name` (a programming error if it is not in the list). */
export const configVariable = (name: string): ConfigVariable => {
  const found = engineConfigVariables.find((candidate) => candidate.name === name)
  if (found === undefined) throw new Error(`${name} is not an engine configuration variable`)
  return found
}
