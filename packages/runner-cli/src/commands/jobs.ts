/**
 * `trialsync jobs list [--json]` and `trialsync jobs validate`.
 */
import { existsSync } from "node:fs"
import { Command, Options } from "@effect/cli"
import { specInfo, specOperations } from "@trialsync/cc-client"
import { pgliteDataDir, type Warehouse } from "@trialsync/warehouse"
import { Effect } from "effect"
import { CommandFailed, UsageError } from "../cli/errors.js"
import { usageFor } from "../cli/usage.js"
import { loadCliConfig } from "../context/config.js"
import { acquireWarehouse, warehouseCall } from "../context/warehouse.js"
import {
  type CatalogRow,
  countByStatus,
  describeCatalog,
  type EngineConfig,
  readJobSwitches,
  readOperatorJobs,
  validateCatalog,
  validateOperatorJobs
} from "../engine.js"
import { printErrorLines, printLines } from "../output/cli-output.js"
import { formatTable } from "../output/table.js"

/**
 * Reads from `dw_etl_jobs` when there is a migrated warehouse to read; `undefined` otherwise.
 * Never creates a PGlite directory as a side effect.
 */
const readJobsTableIfMigrated = <A>(config: EngineConfig, read: (warehouse: Warehouse) => Promise<A>) =>
  Effect.scoped(
    Effect.gen(function* () {
      if (config.databaseUrl === undefined && !existsSync(pgliteDataDir(config.dataDir))) return undefined
      const warehouse = yield* acquireWarehouse(config)
      const [table] = yield* warehouseCall("Reading dw_etl_jobs failed", () =>
        warehouse.query<{ name: string | null }>("SELECT to_regclass('dw_etl_jobs')::text AS name")
      )
      if (table?.name === null || table?.name === undefined) return undefined
      return yield* warehouseCall("Reading dw_etl_jobs failed", () => read(warehouse))
    })
  )

const listCommand = Command.make(
  "list",
  { json: Options.boolean("json").pipe(Options.withDescription("Print the catalog as one JSON array.")) },
  ({ json }) =>
    Effect.gen(function* () {
      const config = yield* loadCliConfig([])
      const switches = yield* readJobsTableIfMigrated(config, readJobSwitches)
      const rows = describeCatalog(switches === undefined ? {} : { active: switches })
      const note =
        switches === undefined
          ? "The warehouse is not migrated yet: `active` shows each job's default (run `trialsync migrate`)."
          : undefined
      if (json) {
        yield* printLines(JSON.stringify(rows, null, 2))
        if (note !== undefined) yield* printErrorLines(note)
        return
      }
      yield* printLines(...formatCatalog(rows))
      const counts = countByStatus(rows)
      const active = rows.filter((row) => row.active).length
      yield* printLines(
        "",
        `${rows.length} jobs: ${counts.valid} valid, ${counts.fixed} fixed, ${counts.disabled} disabled, ${counts["not-in-spec"]} not in spec; ${active} active.`
      )
      if (note !== undefined) yield* printLines(note)
    })
).pipe(Command.withDescription("List the job catalog with each job's status, reason and switch."))

const formatCatalog = (rows: ReadonlyArray<CatalogRow>): Array<string> =>
  formatTable(rows, [
    { header: "id", value: (row) => row.id, alignRight: true },
    { header: "name", value: (row) => row.name, maxWidth: 32 },
    { header: "category", value: (row) => row.category },
    { header: "status", value: (row) => row.status },
    { header: "active", value: (row) => (row.active ? "yes" : "no") },
    { header: "endpoint", value: (row) => row.endpoint, maxWidth: 56 },
    { header: "reason", value: (row) => row.reason, maxWidth: 80 }
  ])

const validateCommand = Command.make("validate", {}, () =>
  Effect.gen(function* () {
    const catalogReport = validateCatalog(specOperations)
    const config = yield* loadCliConfig([])
    const operatorRows = (yield* readJobsTableIfMigrated(config, readOperatorJobs)) ?? []
    const operatorResults = validateOperatorJobs(operatorRows, specOperations)
    const results = [...catalogReport.results, ...operatorResults]
    const report = {
      results,
      errors: results.filter((result) => result.severity === "error").length,
      warnings: results.filter((result) => result.severity === "warning").length
    }
    const counts = countByStatus()
    yield* printLines(
      `Checked ${report.results.length} jobs against ${specInfo.title} ${specInfo.version} (${specOperations.length} operations, sha256 ${specInfo.sha256.slice(0, 12)}).`,
      `  ${counts.valid} valid and ${counts.fixed} fixed jobs need a GET path; ${counts.disabled} disabled and ${counts["not-in-spec"]} not-in-spec jobs are not run.`,
      `  ${operatorRows.length} job${operatorRows.length === 1 ? "" : "s"} added to dw_etl_jobs outside the catalog${
        operatorRows.length === 0 ? "." : `: ${operatorRows.map((row) => row.id).join(", ")}.`
      }`
    )
    const problems = report.results.flatMap((result) =>
      result.problems.map((problem) => ({ jobId: result.jobId, name: result.name, ...problem }))
    )
    if (problems.length > 0) {
      yield* printLines(
        "",
        ...formatTable(problems, [
          { header: "job", value: (row) => row.jobId, alignRight: true },
          { header: "severity", value: (row) => row.severity },
          { header: "problem", value: (row) => row.kind },
          { header: "message", value: (row) => row.message }
        ]),
        ""
      )
    }
    yield* printLines(`${report.errors} errors, ${report.warnings} warnings.`)
    if (report.errors > 0) {
      return yield* new CommandFailed({
        message: `${report.errors} catalog errors: a job marked valid, fixed or added to dw_etl_jobs cannot run as configured (see above).`
      })
    }
  })
).pipe(Command.withDescription("Check every job's endpoint against the CC spec; exit 1 on an error."))

export const jobsCommand = Command.make("jobs", {}, () =>
  Effect.fail(new UsageError({ message: "jobs needs a subcommand: list or validate.", usage: usageFor("jobs") }))
).pipe(Command.withDescription("The job catalog."), Command.withSubcommands([listCommand, validateCommand]))
