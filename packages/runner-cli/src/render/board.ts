/**
 * What the renderers know about a sync in progress, folded from progress events: the plan, each
 * job's latest counters, and how many jobs finished how.
 */
import type { RunStatus } from "@trialsync/warehouse"
import { estimateRemainingMs, ratePerSecond } from "../output/format.js"
import type { ProgressEvent } from "./events.js"

export interface JobLine {
  readonly jobId: number
  name: string
  runId: number
  resumed: boolean
  /** Renderer clock when the job started (for elapsed time between progress events). */
  startedAt: number
  pages: number
  rows: number
  requests: number
  partitionsDone: number
  partitionsTotal: number | undefined
  /** Elapsed time the engine reported with the latest counters. */
  elapsedMs: number
  status: RunStatus
  durationMs: number | undefined
  error: string | undefined
}

/** The state of one sync, for display. */
export class ProgressBoard {
  groupId: string | undefined
  plannedJobs = 0
  stages = 0
  readonly jobs = new Map<number, JobLine>()
  private readonly names = new Map<number, string>()

  /** Applies an event; returns the job line it touched, if any. */
  apply(event: ProgressEvent, now: number): JobLine | undefined {
    switch (event._tag) {
      case "PlanReady": {
        this.groupId = event.groupId
        this.stages = event.stages.length
        this.plannedJobs = event.stages.reduce((total, stage) => total + stage.length, 0)
        for (const stage of event.stages) for (const job of stage) this.names.set(job.jobId, job.name)
        return undefined
      }
      case "JobStarted": {
        const line: JobLine = {
          jobId: event.jobId,
          name: event.name,
          runId: event.runId,
          resumed: event.resumed,
          startedAt: now,
          pages: 0,
          rows: 0,
          requests: 0,
          partitionsDone: 0,
          partitionsTotal: event.partitionsTotal,
          elapsedMs: 0,
          status: "running",
          durationMs: undefined,
          error: undefined
        }
        this.jobs.set(event.jobId, line)
        return line
      }
      case "JobProgress": {
        const line = this.lineFor(event.jobId, event.runId, now)
        line.pages = event.pages
        line.rows = event.rows
        line.requests = event.requests
        line.partitionsDone = event.partitionsDone
        line.partitionsTotal = event.partitionsTotal
        line.elapsedMs = event.elapsedMs
        return line
      }
      case "JobFinished": {
        const line = this.lineFor(event.jobId, event.runId, now)
        line.status = event.status
        line.pages = event.pages
        line.requests = event.requests
        line.rows = Math.max(line.rows, event.inserted + event.updated + event.unchanged)
        line.durationMs = event.durationMs
        line.elapsedMs = event.durationMs
        line.error = event.error
        return line
      }
      case "Log":
        return undefined
    }
  }

  /** Jobs still running, in the order they started. */
  running(): Array<JobLine> {
    return [...this.jobs.values()].filter((line) => line.status === "running")
  }

  finished(): Array<JobLine> {
    return [...this.jobs.values()].filter((line) => line.status !== "running")
  }

  /** Finished jobs whose run did not succeed. */
  unsuccessful(): Array<JobLine> {
    return this.finished().filter((line) => line.status !== "success")
  }

  /** Rows so far over every job. */
  totalRows(): number {
    let total = 0
    for (const line of this.jobs.values()) total += line.rows
    return total
  }

  private lineFor(jobId: number, runId: number, now: number): JobLine {
    const existing = this.jobs.get(jobId)
    if (existing !== undefined) return existing
    // Progress for a job whose start we missed (e.g. a renderer attached late): make a line.
    this.apply(
      {
        _tag: "JobStarted",
        jobId,
        runId,
        name: this.names.get(jobId) ?? "",
        partitionsTotal: undefined,
        resumed: false
      },
      now
    )
    return this.jobs.get(jobId) as JobLine
  }
}

/** Rows per second of a job, from the engine's own elapsed time. */
export const jobRowsPerSecond = (line: JobLine): number => ratePerSecond(line.rows, line.elapsedMs)

/** Remaining time of a fan-out job from its partitions; undefined for plain jobs. */
export const jobRemainingMs = (line: JobLine): number | undefined =>
  estimateRemainingMs(line.partitionsDone, line.partitionsTotal, line.elapsedMs)
