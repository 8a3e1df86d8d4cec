/**
 * What `transform` and `demo` print about a Bronze -> Silver -> Gold transformation: rows written
 * per table, the data-quality checks, and Silver/Gold counts with one Gold table.
 */
import { formatCount, formatDuration } from "./format.js"
import { formatTable } from "./table.js"

/** The parts of etl-core's `TransformReport` printed here. */
export interface TransformReportLike {
  readonly transformationRunId: number
  readonly mode: "incremental" | "full"
  readonly status: "success" | "failed"
  readonly durationMs: number
  readonly layers: ReadonlyArray<{
    readonly layer: "silver" | "gold"
    readonly table: string
    readonly rowsWritten: number
    readonly ms: number
  }>
  readonly quality: ReadonlyArray<QualityCheckLike>
}

export interface QualityCheckLike {
  readonly check: string
  readonly table: string
  readonly passed: boolean
  readonly failedCount: number
  readonly sampleKeys: ReadonlyArray<string>
}

/** The checks that failed, as `check on table (N rows, e.g. k1, k2)`. */
export const describeFailedChecks = (report: TransformReportLike): Array<string> =>
  report.quality
    .filter((check) => !check.passed)
    .map(
      (check) =>
        `${check.check} on ${check.table} (${formatCount(check.failedCount)} rows${
          check.sampleKeys.length > 0 ? `, e.g. ${check.sampleKeys.slice(0, 3).join(", ")}` : ""
        })`
    )

/**
 * The report: the layers and every check; `compact` (the demo) keeps the headline, the quality
 * summary and only the failed checks.
 */
export const formatTransformReport = (
  report: TransformReportLike,
  options: { readonly compact?: boolean } = {}
): Array<string> => {
  const failed = report.quality.filter((check) => !check.passed)
  const headline = `Transformation run ${report.transformationRunId} (${report.mode}): ${report.status} in ${formatDuration(report.durationMs)}.`
  const quality = `Data quality: ${report.quality.length - failed.length} of ${report.quality.length} checks passed.`
  const checks = (rows: ReadonlyArray<QualityCheckLike>) =>
    formatTable(rows, [
      { header: "check", value: (row) => row.check },
      { header: "table", value: (row) => row.table },
      { header: "result", value: (row) => (row.passed ? "passed" : "FAILED") },
      { header: "rows", value: (row) => row.failedCount, alignRight: true },
      { header: "sample keys", value: (row) => row.sampleKeys.slice(0, 5).join(", "), maxWidth: 80 }
    ])
  if (options.compact === true) return [headline, quality, ...(failed.length > 0 ? checks(failed) : [])]
  return [
    headline,
    "",
    ...formatTable(report.layers, [
      { header: "layer", value: (row) => row.layer },
      { header: "table", value: (row) => row.table },
      { header: "rows written", value: (row) => row.rowsWritten, alignRight: true },
      { header: "time", value: (row) => formatDuration(row.ms), alignRight: true }
    ]),
    "",
    quality,
    ...checks(report.quality)
  ]
}

/** Rows per Silver table and Gold view, two columns side by side. */
export const formatLayerCounts = (
  counts: ReadonlyArray<{ readonly layer: "silver" | "gold"; readonly table: string; readonly rows: number }>
): Array<string> =>
  formatTable(counts, [
    { header: "layer", value: (row) => row.layer },
    { header: "table", value: (row) => row.table },
    { header: "rows", value: (row) => row.rows, alignRight: true }
  ])

/** One Gold view as a table. */
export const formatGoldTable = (summary: {
  readonly view: string
  readonly columns: ReadonlyArray<string>
  readonly rows: ReadonlyArray<Record<string, string | number | null>>
}): Array<string> => [
  `${summary.view}:`,
  ...formatTable(
    summary.rows,
    summary.columns.map((column) => ({
      header: column,
      value: (row: Record<string, string | number | null>) => row[column],
      alignRight: summary.rows.some((row) => typeof row[column] === "number"),
      maxWidth: 40
    }))
  )
]
