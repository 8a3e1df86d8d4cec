/**
 * The report of a job that has no run row: skipped before it started, or failed or cancelled
 * before its row was written.
 */
import type { CatalogJob } from "../catalog/types.js"
import type { JobRunError, JobRunReport } from "./types.js"

export const reportWithoutRun = (
  job: CatalogJob,
  status: "skipped" | "failed" | "cancelled",
  error: JobRunError,
  durationMs = 0
): JobRunReport => ({
  jobId: job.id,
  name: job.name,
  runId: undefined,
  status,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  deleted: 0,
  pages: 0,
  requests: 0,
  partitionsTotal: 0,
  partitionsDone: 0,
  partitionsFailed: 0,
  partitionsSkipped: 0,
  durationMs,
  error
})
