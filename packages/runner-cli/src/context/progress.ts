/**
 * The progress renderer of a command: picked from the terminal and LOG_FORMAT, ticked by a timer,
 * wired to the engine as its `ProgressReporter`.
 */
import { Effect, type Layer, type Scope } from "effect"
import { type EngineConfig, ProgressReporter } from "../engine.js"
import { CliOutput } from "../output/cli-output.js"
import { makeRenderer, type ProgressRenderer, rendererKind } from "../render/index.js"

export interface CommandProgress {
  readonly renderer: ProgressRenderer
  /** The engine's reporter, feeding the renderer. */
  readonly reporter: Layer.Layer<ProgressReporter>
  /** Stops the timer and closes the renderer (before printing a summary); idempotent. */
  readonly finish: Effect.Effect<void>
}

/** A renderer for the scope; finished when the scope closes if not before. */
export const acquireProgress = (config: EngineConfig): Effect.Effect<CommandProgress, never, CliOutput | Scope.Scope> =>
  Effect.gen(function* () {
    const output = yield* CliOutput
    const renderer = makeRenderer(rendererKind({ isTTY: output.isTTY, logFormat: config.logFormat }), {
      write: output.writeRaw,
      now: Date.now,
      logLevel: config.logLevel,
      columns: output.columns,
      rows: output.rows
    })
    const timer = setInterval(renderer.tick, renderer.tickIntervalMs)
    timer.unref()
    let finished = false
    const finish = Effect.sync(() => {
      if (finished) return
      finished = true
      clearInterval(timer)
      renderer.close()
    })
    yield* Effect.addFinalizer(() => finish)
    return { renderer, reporter: ProgressReporter.fromCallback(renderer.event), finish }
  })
