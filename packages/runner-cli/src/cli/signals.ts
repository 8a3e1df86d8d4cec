/**
 * SIGINT/SIGTERM handling. Node's default would kill the process mid-write; Effect's
 * `NodeRuntime.runMain` would interrupt the whole program without saying which signal came.
 * Here a command that knows how to stop cleanly (run, resume, demo, sandbox) *claims* the signals
 * while it works: the first signal completes a Deferred the command waits on, so it can interrupt
 * its engine fiber, let the runs be marked cancelled, print how to resume and exit 130/143.
 * Outside a claim a signal interrupts the program. A second signal exits at once.
 */
import { Context, Deferred, Effect, type Exit, Fiber, Layer } from "effect"
import type { StopSignal } from "./errors.js"

export interface SignalsShape {
  /** The first signal received, if any (also after the claim ended). */
  readonly received: () => StopSignal | undefined
  /**
   * Runs `effect` so that a signal interrupts it (running its finalizers) instead of the
   * program; resolves to the effect's exit or to the signal that stopped it.
   */
  readonly interruptibleBySignal: <A, E, R>(
    effect: Effect.Effect<A, E, R>
  ) => Effect.Effect<
    | { readonly _tag: "Done"; readonly exit: Exit.Exit<A, E> }
    | { readonly _tag: "Signalled"; readonly signal: StopSignal },
    never,
    R
  >
  /** Waits for a signal while claiming it (for commands that run until stopped). */
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
    interruptibleBySignal: (effect) =>
      claim(
        Effect.gen(function* () {
          const fiber = yield* Effect.fork(effect)
          const winner = yield* Effect.raceFirst(
            Effect.map(Fiber.await(fiber), (exit) => ({ _tag: "Done" as const, exit })),
            Effect.map(Deferred.await(deferred), (signal) => ({ _tag: "Signalled" as const, signal }))
          )
          if (winner._tag === "Signalled") yield* Fiber.interrupt(fiber)
          return winner
        })
      ),
    awaitSignal: claim(Deferred.await(deferred))
  }

  return {
    service,
    deliver: (signal) => {
      first ??= signal
      Effect.runSync(Deferred.succeed(deferred, signal))
      return claims > 0
    },
    layer: Layer.succeed(Signals, service)
  }
}
