/**
 * `trialsync transform [--full]`: Bronze -> Silver -> Gold, then the data-quality checks.
 */
import { Command, Options } from "@effect/cli"
import { Effect } from "effect"
import { CommandFailed } from "../cli/errors.js"
import { loadCliConfig } from "../context/config.js"
import {
  type EngineConfig,
  qualityConfigFromEnv,
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
        output.out(...formatTransformReport(report, options), `${report.gold.message}.`)
      }
    })
  )

/**
 * Exit 1, naming every failed blocking check and that Gold was kept, when a blocking
 * data-quality check failed. Failed warnings are printed with the report, and exit 0.
 */
export const failOnQuality = (report: TransformReport) => {
  const failed = describeFailedChecks({
    ...report,
    quality: report.quality.filter((check) => check.severity === "blocking")
  })
  return failed.length === 0
    ? Effect.void
    : Effect.fail(
        new CommandFailed({ message: `data-quality check failed: ${failed.join("; ")}. ${report.gold.message}.` })
      )
}

export const transformCommand = Command.make(
  "transform",
  {
    full: Options.boolean("full").pipe(
      Options.withDescription(
        "Read every staging row, rebuild the facts and refresh Gold even if Silver did not change (default: only what changed since the last transform)."
      )
    )
  },
  ({ full }) =>
    Effect.gen(function* () {
      const config = yield* loadCliConfig([])
      const quality = yield* Effect.try({
        try: () => qualityConfigFromEnv(process.env),
        catch: (cause) => new CommandFailed({ message: cause instanceof Error ? cause.message : String(cause) })
      })
      const report = yield* runTransform({ mode: full ? "full" : "incremental", quality }).pipe(
        Effect.provide(WarehouseService.layer({ ...warehouseOptionsOf(config), migrate: true }))
      )
      yield* printTransformReport(config, report)
      yield* failOnQuality(report)
    })
).pipe(Command.withDescription("Transform Bronze into Silver and Gold, then run the data-quality checks."))
