/**
 * The engine's progress events as the renderers see them (the `ProgressEvent` union of
 * `@trialsync/etl-core`'s engine contract).
 */
import type { RunStatus } from "@trialsync/warehouse"

export type LogLevel = "debug" | "info" | "warn" | "error"

export type ProgressEvent =
  | {
      readonly _tag: "PlanReady"
      readonly groupId: string
      readonly stages: ReadonlyArray<ReadonlyArray<{ readonly jobId: number; readonly name: string }>>
    }
  | {
      readonly _tag: "JobStarted"
      readonly jobId: number
      readonly name: string
      readonly runId: number
      readonly partitionsTotal: number | undefined
      readonly resumed: boolean
    }
  | {
      readonly _tag: "JobProgress"
      readonly jobId: number
      readonly runId: number
      readonly pages: number
      readonly rows: number
      readonly requests: number
      readonly partitionsDone: number
      readonly partitionsTotal: number | undefined
      readonly elapsedMs: number
    }
  | {
      readonly _tag: "JobFinished"
      readonly jobId: number
      readonly runId: number
      readonly status: RunStatus
      readonly inserted: number
      readonly updated: number
      readonly unchanged: number
      readonly deleted: number
      readonly pages: number
      readonly requests: number
      readonly durationMs: number
      readonly error?: string
    }
  | {
      readonly _tag: "Log"
      readonly level: LogLevel
      readonly message: string
      readonly fields?: Record<string, unknown>
    }

const levelRank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

/** Whether a line of `level` passes a minimum level. */
export const levelEnabled = (level: LogLevel, minimum: LogLevel): boolean => levelRank[level] >= levelRank[minimum]
