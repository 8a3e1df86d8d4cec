/**
 * Progress events: what the engine tells a caller while it runs (the CLI renders them as live
 * progress, plain lines or JSON logs). Events never carry the API key: they hold counts, job
 * names and classified error messages only.
 */
import type { RunStatus } from "@trialsync/warehouse"
import { Context, Effect, Layer } from "effect"

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
      readonly level: "debug" | "info" | "warn" | "error"
      readonly message: string
      readonly fields?: Record<string, unknown>
    }

export interface ProgressReporterShape {
  readonly emit: (event: ProgressEvent) => Effect.Effect<void>
}

/**
 * Where progress events go.
 *
 * @example
 * ```ts
 * const printing = ProgressReporter.fromCallback((event) => console.log(JSON.stringify(event)))
 * await Effect.runPromise(runJobs({ all: true }).pipe(Effect.provide(printing), Effect.provide(engine)))
 * ```
 */
export class ProgressReporter extends Context.Tag("@trialsync/etl-core/ProgressReporter")<
  ProgressReporter,
  ProgressReporterShape
>() {
  /** Drops every event. */
  static readonly silent: Layer.Layer<ProgressReporter> = Layer.succeed(ProgressReporter, { emit: () => Effect.void })

  /** Calls `onEvent` for every event; a throwing callback is ignored (progress never stops a run). */
  static readonly fromCallback = (onEvent: (event: ProgressEvent) => void): Layer.Layer<ProgressReporter> =>
    Layer.succeed(ProgressReporter, {
      emit: (event) =>
        Effect.sync(() => {
          try {
            onEvent(event)
          } catch {
            // A renderer's bug must not fail a sync.
          }
        })
    })
}

/** Emits one event through the current reporter. */
export const emitProgress = (event: ProgressEvent): Effect.Effect<void, never, ProgressReporter> =>
  Effect.flatMap(ProgressReporter, (reporter) => reporter.emit(event))
