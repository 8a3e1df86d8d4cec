/**
 * The end of a `run`, `resume` or `demo`: one row per job, the totals, and what to do about the
 * jobs that did not succeed.
 */
import type { JobRunReport, RunReport } from "../engine.js"
import { formatCount, formatDuration } from "./format.js"
import { formatTable } from "./table.js"

const rowsOf = (job: JobRunReport) => job.inserted + job.updated + job.unchanged

/** Jobs whose run did not succeed and can be continued with `resume`. */
export const unfinishedJobs = (report: RunReport): Array<JobRunReport> =>
  report.jobs.filter((job) => job.status === "failed" || job.status === "partial" || job.status === "cancelled")

/** Whether the exit code is 0: every job succeeded (or was skipped for a reason that is not a failure). */
export const runSucceeded = (report: RunReport): boolean =>
  report.status === "success" && unfinishedJobs(report).length === 0

/** `57 jobs: 55 success, 1 partial, 1 failed` */
export const statusCounts = (report: RunReport): string => {
  const counts = new Map<string, number>()
  for (const job of report.jobs) counts.set(job.status, (counts.get(job.status) ?? 0) + 1)
  const order = ["success", "partial", "failed", "cancelled", "skipped", "running"]
  return `${report.jobs.length} jobs: ${[...counts]
    .sort(([left], [right]) => order.indexOf(left) - order.indexOf(right))
    .map(([status, count]) => `${count} ${status}`)
    .join(", ")}`
}

/** The table and totals of a finished run. */
export const formatRunSummary = (report: RunReport): Array<string> => {
  const table = formatTable(report.jobs, [
    { header: "job", value: (job) => job.jobId, alignRight: true },
    { header: "name", value: (job) => job.name, maxWidth: 32 },
    { header: "run", value: (job) => job.runId ?? "-", alignRight: true },
    { header: "status", value: (job) => job.status },
    { header: "rows", value: (job) => rowsOf(job), alignRight: true },
    { header: "inserted", value: (job) => job.inserted, alignRight: true },
    { header: "updated", value: (job) => job.updated, alignRight: true },
    { header: "deleted", value: (job) => job.deleted, alignRight: true },
    {
      header: "partitions",
      value: (job) =>
        job.partitionsTotal === 0
          ? ""
          : `${formatCount(job.partitionsDone)}/${formatCount(job.partitionsTotal)}${job.partitionsFailed > 0 ? ` (${formatCount(job.partitionsFailed)} failed)` : ""}`
    },
    { header: "requests", value: (job) => job.requests, alignRight: true },
    { header: "time", value: (job) => formatDuration(job.durationMs), alignRight: true },
    // The finished line above the table has the whole message.
    {
      header: "error",
      value: (job) => (job.error === undefined ? "" : `${job.error.tag}: ${job.error.message}`),
      maxWidth: 100
    }
  ])
  const rows = report.jobs.reduce((total, job) => total + rowsOf(job), 0)
  return [
    ...table,
    "",
    `${statusCounts(report)}; ${formatCount(rows)} rows, ${formatCount(report.requests)} requests in ${formatDuration(report.durationMs)} (group ${report.groupId}, ${report.status}).`
  ]
}

/** What to run next for the jobs that did not succeed; empty when all did. */
export const formatResumeHint = (report: RunReport): Array<string> => {
  const unfinished = unfinishedJobs(report).filter((job) => job.runId !== undefined)
  const [first] = unfinished
  if (first === undefined) return []
  const list = unfinished.map((job) => `job ${job.jobId} (run ${job.runId}, ${job.status})`).join(", ")
  return [
    `Not finished: ${list}.`,
    `Continue from the checkpoints with: pnpm trialsync resume --run-id ${first.runId}  (resumes every job of the group)`
  ]
}
