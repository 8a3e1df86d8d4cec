/**
 * `trialsync transform [--full]`: Bronze -> Silver -> Gold, then the data-quality checks.
 */
import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { CommandFailed } from "../cli/errors.js"
import { loadCliConfig } from "../context/config.js"
import {
  type EngineConfig,
  runTransform,
  type TransformReport,
  WarehouseService,
  warehouseOptionsOf
} from "../engine.js"
import { CliOutput } from "../output/cli-output.js"
import { describeFailedChecks, formatTransformReport } from "../output/transform-summary.js"
import { jsonLine } from "../render/index.js"

/** Prints a transformation report (a JSON line with LOG_FORMAT=json). */
export const printTransformReport = (
  config: EngineConfig,
  report: TransformReport,
  options: { readonly compact?: boolean } = {}
) =>
  Effect.flatMap(CliOutput, (output) =>
    Effect.sync(() => {
      if (config.logFormat === "json") {
        const level = report.status === "success" ? "info" : "error"
        output.writeRaw(
          jsonLine(Date.now(), level, "TransformFinished", `transformation ${report.status}`, { ...report })
        )
      } else {
        output.out(...formatTransformReport(report, options))
      }
    })
  )

/** Exit 1, naming every failed check, when the data-quality checks did not all pass. */
export const failOnQuality = (report: TransformReport) => {
  const failed = describeFailedChecks(report)
  return failed.length === 0
    ? Effect.void
    : Effect.fail(new CommandFailed({ message: `data-quality check failed: ${failed.join("; ")}` }))
}

export const transformCommand = Command.make(
  "transform",
  {
    full: Options.boolean("full").pipe(
      Options.withDescription(
        "Read every staging row and rebuild the facts (default: only what changed since the last transform)."
      )
    )
  },
  ({ full }) =>
    Effect.gen(function* () {
      const config = yield* loadCliConfig([])
      const report = yield* runTransform({ mode: full ? "full" : "incremental" }).pipe(
        Effect.provide(WarehouseService.layer({ ...warehouseOptionsOf(config), migrate: true }))
      )
      yield* printTransformReport(config, report)
      yield* failOnQuality(report)
    })
).pipe(Command.withDescription("Transform Bronze into Silver and Gold, then run the data-quality checks."))
