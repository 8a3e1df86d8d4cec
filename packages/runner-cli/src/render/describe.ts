/**
 * The sentences the plain and TTY renderers share, so a job reads the same in a terminal and in
 * a log file.
 */
import { formatCount, formatDuration, formatRate } from "../output/format.js"
import { type JobLine, jobRemainingMs, jobRowsPerSecond } from "./board.js"
import type { ProgressEvent } from "./events.js"

export const jobLabel = (line: Pick<JobLine, "jobId" | "name">): string =>
  line.name === "" ? `job ${line.jobId}` : `job ${line.jobId} ${line.name}`

/** `12/105 partitions, 3,400 rows, 14 pages, 850.0/s, ETA 12.0s` */
export const describeProgress = (line: JobLine): string => {
  const parts: Array<string> = []
  if (line.partitionsTotal !== undefined)
    parts.push(`${formatCount(line.partitionsDone)}/${formatCount(line.partitionsTotal)} partitions`)
  parts.push(
    `${formatCount(line.rows)} rows`,
    `${formatCount(line.pages)} pages`,
    formatRate(jobRowsPerSecond(line), "rows")
  )
  const remaining = jobRemainingMs(line)
  if (remaining !== undefined) parts.push(`ETA ${formatDuration(remaining)}`)
  return parts.join(", ")
}

export const describeStart = (event: Extract<ProgressEvent, { _tag: "JobStarted" }>): string => {
  const details = [`run ${event.runId}`]
  if (event.partitionsTotal !== undefined) details.push(`${formatCount(event.partitionsTotal)} partitions`)
  if (event.resumed) details.push("resumed")
  return `${jobLabel(event)}: started (${details.join(", ")})`
}

export const describeFinish = (line: JobLine, event: Extract<ProgressEvent, { _tag: "JobFinished" }>): string => {
  const counts = `${formatCount(event.inserted)} inserted, ${formatCount(event.updated)} updated, ${formatCount(event.unchanged)} unchanged, ${formatCount(event.deleted)} deleted`
  const traffic = `${formatCount(event.pages)} pages, ${formatCount(event.requests)} requests`
  const head = `${jobLabel(line)}: ${event.status} in ${formatDuration(event.durationMs)}`
  return event.error === undefined
    ? `${head}: ${counts}; ${traffic}`
    : `${head}: ${event.error} (${counts}; ${traffic})`
}

export const describePlan = (event: Extract<ProgressEvent, { _tag: "PlanReady" }>): string => {
  const jobs = event.stages.reduce((total, stage) => total + stage.length, 0)
  return `plan: ${jobs} jobs in ${event.stages.length} stages (group ${event.groupId})`
}

/** `message (key=value, ...)` for log events. */
export const describeLog = (event: Extract<ProgressEvent, { _tag: "Log" }>): string => {
  const fields = Object.entries(event.fields ?? {})
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ")
  return fields === "" ? `${event.level}: ${event.message}` : `${event.level}: ${event.message} (${fields})`
}
