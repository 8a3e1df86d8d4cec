import { setMaxListeners } from "node:events"

/**
 * Links several AbortSignals into one, with a `dispose` that removes the listeners again.
 * (Deliberately not `AbortSignal.any`: a client-lifetime signal would collect a dependent per
 * request, and explicit listeners make the cleanup visible.)
 *
 * @example
 * ```ts
 * const linked = linkSignals([clientSignal, callSignal])
 * try { await fetch(url, { signal: linked.signal }) } finally { linked.dispose() }
 * ```
 */
export const linkSignals = (
  signals: ReadonlyArray<AbortSignal | undefined>
): { readonly signal: AbortSignal; readonly controller: AbortController; readonly dispose: () => void } => {
  const controller = new AbortController()
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined)
  const onAbort = () => controller.abort()
  for (const signal of present) {
    if (signal.aborted) controller.abort()
    else signal.addEventListener("abort", onAbort, { once: true })
  }
  return {
    signal: controller.signal,
    controller,
    dispose: () => {
      for (const signal of present) signal.removeEventListener("abort", onAbort)
    }
  }
}

/**
 * The client-lifetime signal every request listens to: one listener on the caller's signal,
 * whatever the number of requests in flight or waiting for a slot. Each of those adds a listener
 * to this signal, so it has no listener limit (a caller's signal would warn past ten).
 *
 * @example
 * ```ts
 * const clientSignal = clientLifetimeSignal(options.signal)
 * ```
 */
export const clientLifetimeSignal = (signal: AbortSignal | undefined): AbortSignal | undefined => {
  if (signal === undefined) return undefined
  const controller = new AbortController()
  setMaxListeners(0, controller.signal)
  if (signal.aborted) controller.abort(signal.reason)
  else signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true })
  return controller.signal
}
