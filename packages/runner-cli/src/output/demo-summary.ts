/**
 * The demo's closing table: for each staging table the sync filled, the rows it holds next to
 * the rows the sandbox serves, so the reader sees at a glance that nothing was lost.
 */
import type { CatalogJob, RunReport } from "../engine.js"
import { endpointShape } from "../engine.js"
import { formatCount, formatDuration } from "./format.js"
import { formatTable } from "./table.js"

export interface StagingCount {
  readonly table: string
  readonly jobIds: ReadonlyArray<number>
  /** Current (not deleted) rows of this CC instance. */
  readonly rows: number
  /** What the sandbox serves for the job's endpoint, over all parents; undefined when unknown. */
  readonly source: number | undefined
}

/** The sandbox's record count for a job's endpoint (templates compared by shape). */
export const sourceCountFor = (
  job: CatalogJob,
  sandboxCounts: Readonly<Record<string, number>>
): number | undefined => {
  const shape = endpointShape(job.endpoint).toLowerCase()
  const match = Object.entries(sandboxCounts).find(([path]) => endpointShape(path).toLowerCase() === shape)
  return match?.[1]
}

export const formatDemoSummary = (counts: ReadonlyArray<StagingCount>, report: RunReport): Array<string> => {
  const rows = counts.reduce((total, count) => total + count.rows, 0)
  const matching = counts.filter((count) => count.source !== undefined && count.source === count.rows).length
  const compared = counts.filter((count) => count.source !== undefined).length
  return [
    ...formatTable(counts, [
      { header: "staging table", value: (count) => count.table },
      { header: "jobs", value: (count) => count.jobIds.join(", ") },
      { header: "rows", value: (count) => count.rows, alignRight: true },
      { header: "sandbox", value: (count) => count.source, alignRight: true },
      {
        header: "",
        value: (count) => (count.source === undefined ? "" : count.source === count.rows ? "=" : "differs")
      }
    ]),
    "",
    `${formatCount(rows)} rows in ${counts.length} staging tables (${matching} of ${compared} equal to what the sandbox serves), ` +
      `${formatCount(report.requests)} requests in ${formatDuration(report.durationMs)}.`
  ]
}
