/**
 * The short usage text (`trialsync --help`, and under usage errors). `trialsync <command> --help`
 * prints the full generated help of one command.
 */

interface CommandUsage {
  readonly name: string
  readonly synopsis: string
  readonly summary: string
}

const commands: ReadonlyArray<CommandUsage> = [
  { name: "migrate", synopsis: "migrate", summary: "create/upgrade the warehouse, seed the job catalog" },
  {
    name: "jobs",
    synopsis: "jobs (list [--json] | validate)",
    summary: "the job catalog; check it against the CC spec"
  },
  {
    name: "run",
    synopsis:
      "run (--job-id N | --all | --category C) [--instance NAME] [--dry-run] [--full-refresh] [--concurrency N]",
    summary: "sync jobs from CC into the warehouse"
  },
  {
    name: "instances",
    synopsis:
      "instances (list [--json] | add NAME --base-url URL [--key-ref env:VAR] [--key-header H] [--rate-limit-rps N] | remove NAME)",
    summary: "the CC instances this warehouse loads from"
  },
  { name: "resume", synopsis: "resume --run-id N", summary: "continue an interrupted or failed run" },
  { name: "status", synopsis: "status [--job-id N] [--json]", summary: "last run per job" },
  { name: "history", synopsis: "history [--job-id N] [--limit N] [--json]", summary: "recent runs" },
  { name: "transform", synopsis: "transform [--full]", summary: "Bronze -> Silver -> Gold, then data-quality checks" },
  {
    name: "sandbox",
    synopsis:
      "sandbox [--port P] [--scale S] [--seed N] [--latency-ms L] [--fault-rate R] [--rate-limit-rps N] [--shape S] [--instance-type T]",
    summary: "serve a stand-in CC API until stopped"
  },
  {
    name: "demo",
    synopsis: "demo [--scale S] [--seed N]",
    summary: "sandbox + embedded warehouse + full sync + summary"
  }
]

/** The usage line of one command, e.g. `trialsync resume --run-id N`; undefined for an unknown name. */
export const usageFor = (name: string | undefined): string | undefined => {
  const found = commands.find((command) => command.name === name)
  return found === undefined ? undefined : `pnpm trialsync ${found.synopsis}`
}

export const usageText = [
  "Usage: pnpm trialsync <command> [flags]",
  "",
  "Commands:",
  ...commands.map((command) => `  ${command.synopsis}\n      ${command.summary}`),
  "",
  "Configuration comes from the environment and .env (CC_API_BASE_URL, CC_API_KEY, DATABASE_URL, ETL_*, LOG_*).",
  "Exit codes: 0 success, 1 a job or check failed, 2 usage or configuration error, 130/143 stopped by SIGINT/SIGTERM.",
  "Help for one command: pnpm trialsync <command> --help"
].join("\n")
