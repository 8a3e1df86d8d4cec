/**
 * Plain lines for logs and pipes: one line when a job starts and when it finishes, and every few
 * seconds one progress line per running job.
 */
import { ProgressBoard } from "./board.js"
import { describeFinish, describeLog, describePlan, describeProgress, describeStart, jobLabel } from "./describe.js"
import { levelEnabled, type ProgressEvent } from "./events.js"
import type { ProgressRenderer, RendererOptions } from "./renderer.js"

/** `HH:MM:SS` (UTC) in front of each line, enough to read a cron log. */
const clock = (now: number): string => new Date(now).toISOString().slice(11, 19)

/**
 * @example
 * ```ts
 * const renderer = makePlainRenderer({ write: (text) => process.stdout.write(text), now: Date.now, logLevel: "info" })
 * renderer.event({ _tag: "JobStarted", jobId: 2, name: "Studies", runId: 17, partitionsTotal: undefined, resumed: false })
 * // 12:00:00 job 2 Studies: started (run 17)
 * ```
 */
export const makePlainRenderer = (options: RendererOptions): ProgressRenderer => {
  const board = new ProgressBoard()
  const interval = options.progressIntervalMs ?? 5000
  let lastProgressAt = options.now()
  const line = (text: string) => options.write(`${clock(options.now())} ${text}\n`)

  const progressLines = () => {
    const now = options.now()
    const running = board.running()
    if (now - lastProgressAt < interval || running.length === 0) return
    lastProgressAt = now
    for (const job of running) line(`${jobLabel(job)}: ${describeProgress(job)}`)
  }

  return {
    tickIntervalMs: 1000,
    event: (event: ProgressEvent) => {
      const job = board.apply(event, options.now())
      switch (event._tag) {
        case "PlanReady":
          line(describePlan(event))
          break
        case "JobStarted":
          line(describeStart(event))
          break
        case "JobProgress":
          progressLines()
          break
        case "JobFinished":
          if (job !== undefined) line(describeFinish(job, event))
          break
        case "Log":
          if (levelEnabled(event.level, options.logLevel)) line(describeLog(event))
          break
      }
    },
    tick: progressLines,
    close: () => {}
  }
}
