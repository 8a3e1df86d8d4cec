/**
 * SIGINT/SIGTERM handling. Node's default kills the process mid-write; Effect's
 * `NodeRuntime.runMain` interrupts the whole program without saying which signal came. Here a
 * command that knows how to stop cleanly (run, resume, demo, sandbox) *claims* the signals while
 * it works: the first signal aborts an AbortSignal the command handed to the engine (which stops
 * starting work, keeps committed checkpoints and marks its runs cancelled), so the command can
 * print what was cancelled and how to resume, and exit 130/143. Outside a claim a signal
 * interrupts the program. A second signal exits at once.
 */
import { Context, Deferred, Effect, Layer } from "effect"
import type { StopSignal } from "./exit-codes.js"

export interface SignalsShape {
  /** The first signal received, if any. */
  readonly received: () => StopSignal | undefined
  /** Runs `use` with an AbortSignal that fires on the first SIGINT/SIGTERM received meanwhile. */
  readonly withAbortSignal: <A, E, R>(use: (signal: AbortSignal) => Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  /** Waits for a signal while claiming it (commands that run until stopped). */
  readonly awaitSignal: Effect.Effect<StopSignal>
}

export class Signals extends Context.Tag("@trialsync/runner-cli/Signals")<Signals, SignalsShape>() {}

export interface SignalHub {
  readonly service: SignalsShape
  /** Called by the process listener. Returns false when no command claims the signal. */
  readonly deliver: (signal: StopSignal) => boolean
  readonly layer: Layer.Layer<Signals>
}

/** Creates the hub the process listeners deliver to. */
export const makeSignalHub = (): SignalHub => {
  const deferred = Effect.runSync(Deferred.make<StopSignal>())
  const controller = new AbortController()
  let claims = 0
  let first: StopSignal | undefined

  const claim = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.acquireUseRelease(
      Effect.sync(() => {
        claims += 1
      }),
      () => effect,
      () =>
        Effect.sync(() => {
          claims -= 1
        })
    )

  const service: SignalsShape = {
    received: () => first,
    withAbortSignal: (use) => claim(Effect.suspend(() => use(controller.signal))),
    awaitSignal: claim(Deferred.await(deferred))
  }

  return {
    service,
    deliver: (signal) => {
      first ??= signal
      controller.abort(signal)
      Effect.runSync(Deferred.succeed(deferred, signal))
      return claims > 0
    },
    layer: Layer.succeed(Signals, service)
  }
}
