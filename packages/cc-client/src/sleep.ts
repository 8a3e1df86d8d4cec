/** A wait (limiter slot, rate spacing, retry backoff) ended because its AbortSignal fired. */
export class WaitAborted extends Error {
  constructor() {
    super("the wait was aborted by its signal")
    this.name = "WaitAborted"
  }
}

/**
 * Waits `ms` milliseconds on a real timer; rejects with `WaitAborted` as soon as `signal` fires.
 *
 * @example
 * ```ts
 * await sleep(250, controller.signal)
 * ```
 */
export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new WaitAborted())
    const onAbort = () => {
      clearTimeout(timer)
      reject(new WaitAborted())
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort)
      resolve()
    }, ms)
    signal?.addEventListener("abort", onAbort, { once: true })
  })
