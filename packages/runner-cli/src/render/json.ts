/**
 * JSON lines (`LOG_FORMAT=json`): one object per line with `time`, `level`, `event` and the
 * event's fields, for log shippers. Progress events are thinned to one per job per interval.
 */
import { type LogLevel, levelEnabled, type ProgressEvent } from "./events.js"
import type { ProgressRenderer, RendererOptions } from "./renderer.js"

const finishedLevel = (status: string): LogLevel =>
  status === "success" ? "info" : status === "failed" ? "error" : "warn"

/** Writes one JSON log line. Exported for the commands' own JSON output (summaries, errors). */
export const jsonLine = (
  now: number,
  level: LogLevel,
  event: string,
  message: string,
  fields: Record<string, unknown> = {}
): string => `${JSON.stringify({ time: new Date(now).toISOString(), level, event, message, ...fields })}\n`

/**
 * @example
 * ```ts
 * const renderer = makeJsonRenderer({ write: (text) => process.stdout.write(text), now: Date.now, logLevel: "info" })
 * // {"time":"...","level":"info","event":"JobStarted","message":"job 2 Studies started","jobId":2,...}
 * ```
 */
export const makeJsonRenderer = (options: RendererOptions): ProgressRenderer => {
  const interval = options.progressIntervalMs ?? 5000
  const lastProgress = new Map<number, number>()
  const names = new Map<number, string>()
  const label = (jobId: number) => {
    const name = names.get(jobId)
    return name === undefined ? `job ${jobId}` : `job ${jobId} ${name}`
  }
  const emit = (level: LogLevel, event: string, message: string, fields: Record<string, unknown>) => {
    if (levelEnabled(level, options.logLevel)) options.write(jsonLine(options.now(), level, event, message, fields))
  }

  return {
    tickIntervalMs: 1000,
    event: (event: ProgressEvent) => {
      switch (event._tag) {
        case "PlanReady": {
          for (const stage of event.stages) for (const job of stage) names.set(job.jobId, job.name)
          const jobs = event.stages.reduce((total, stage) => total + stage.length, 0)
          emit("info", event._tag, `plan: ${jobs} jobs in ${event.stages.length} stages`, {
            groupId: event.groupId,
            stages: event.stages.map((stage) => stage.map((job) => job.jobId))
          })
          break
        }
        case "JobStarted": {
          names.set(event.jobId, event.name)
          const { _tag, ...fields } = event
          emit("info", _tag, `job ${event.jobId} ${event.name} started`, fields)
          break
        }
        case "JobProgress": {
          const now = options.now()
          const last = lastProgress.get(event.jobId)
          if (last !== undefined && now - last < interval) break
          lastProgress.set(event.jobId, now)
          const { _tag, ...fields } = event
          emit("info", _tag, `${label(event.jobId)}: ${event.rows} rows`, {
            ...fields,
            rowsPerSecond: event.elapsedMs > 0 ? Math.round((event.rows * 1000) / event.elapsedMs) : 0
          })
          break
        }
        case "JobFinished": {
          const { _tag, ...fields } = event
          const name = names.get(event.jobId)
          emit(finishedLevel(event.status), _tag, `${label(event.jobId)} ${event.status}`, {
            ...(name === undefined ? {} : { name }),
            ...fields
          })
          break
        }
        case "Log":
          emit(event.level, "Log", event.message, event.fields ?? {})
          break
      }
    },
    tick: () => {},
    close: () => {}
  }
}
