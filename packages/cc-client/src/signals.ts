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
