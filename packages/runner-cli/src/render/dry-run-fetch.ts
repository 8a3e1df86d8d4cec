/**
 * `run --dry-run`: how each job would fetch, one line per job after the table: a plain job's
 * mode and the OData `$filter` it would send (with the watermark it comes from); a fan-out
 * job's parent table, its parent keys and how many of them the run would fetch.
 */
import type { DryRunReport } from "../engine.js"
import { formatCount } from "../output/format.js"

type DryJob = DryRunReport["jobs"][number]

const countText = (value: number | "unknown"): string => (value === "unknown" ? "unknown" : formatCount(value))

/** `job 2 Studies: incremental, $filter=lastUpdatedOn gt 2025-11-30T23:55:00Z (watermark 2025-12-01T00:00:00Z)` */
export const describeDryFetch = (job: DryJob): string => {
  const head = `job ${job.jobId} ${job.name}: ${job.mode}`
  if (job.parents !== undefined) {
    const { table, placeholders, keys, toFetch } = job.parents
    return `${head}, parents from ${table} (${placeholders.join(", ")}): ${countText(keys)} parent keys, ${countText(toFetch)} to fetch`
  }
  if (job.filter !== undefined) {
    return `${head}, $filter=${job.filter}${job.watermark === undefined ? "" : ` (watermark ${job.watermark})`}`
  }
  return `${head}, no $filter`
}

export const formatDryFetch = (report: DryRunReport): Array<string> =>
  report.jobs.length === 0
    ? []
    : ["", "How each job would fetch:", ...report.jobs.map((job) => `  ${describeDryFetch(job)}`)]
