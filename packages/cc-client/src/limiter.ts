/**
 * One limiter per client, shared by every call it makes (generated SDK calls, `get`, pagination):
 * at most `concurrency` requests in flight, and request starts spaced `1000 / requestsPerSecond`
 * ms apart. Spacing (a token bucket holding one token) rather than a burst bucket keeps the rate
 * at exactly N per second over any window, which is what a server counting per second sees.
 * Waiters are served first come, first served; an aborted waiter leaves the queue at once.
 *
 * The rate can change while the limiter runs (`setRate`, used by the adaptive controller), and
 * `pauseFor` holds back every request start of the client (a 429 or `Retry-After` means the server
 * wants the whole client to wait, not one request).
 */
import { sleep, WaitAborted } from "./sleep.js"

/** A slot in the limiter; call it exactly once when the request (including its body) is done. */
export type Release = () => void

interface Waiter {
  readonly grant: () => void
  cancelled: boolean
}

export interface LimiterSettings {
  /** In-flight requests at most; `Infinity` for no bound. */
  readonly concurrency: number
  /** Request starts per second at most; `Infinity` for no bound. */
  readonly requestsPerSecond: number
  /** How pauses wait (the client's injectable sleep). Default: a real timer. */
  readonly sleep?: (ms: number) => Promise<void>
}

/**
 * @example
 * ```ts
 * const limiter = new RequestLimiter({ concurrency: 8, requestsPerSecond: 10 })
 * const release = await limiter.acquire(signal)
 * try { await fetch(url) } finally { release() }
 * ```
 */
export class RequestLimiter {
  readonly #concurrency: number
  #intervalMs: number
  #rate: number
  readonly #sleep: (ms: number) => Promise<void>
  #pause: { readonly until: number; readonly done: Promise<void> } | undefined
  #active = 0
  #nextStartAt = 0
  readonly #queue: Array<Waiter | undefined> = []
  #head = 0

  constructor(settings: LimiterSettings) {
    this.#concurrency = settings.concurrency
    this.#rate = settings.requestsPerSecond
    this.#intervalMs = intervalOf(settings.requestsPerSecond)
    this.#sleep = settings.sleep ?? ((ms) => sleep(ms))
  }

  /** Request starts per second allowed right now (`Infinity` for no bound). */
  get requestsPerSecond(): number {
    return this.#rate
  }

  /** Whether every request start is held back by `pauseFor` right now. */
  get paused(): boolean {
    return this.#pause !== undefined
  }

  /** Changes the rate; requests already spaced keep their start, later ones use the new spacing. */
  setRate(requestsPerSecond: number): void {
    this.#rate = requestsPerSecond
    this.#intervalMs = intervalOf(requestsPerSecond)
  }

  /**
   * Holds back every request start of this limiter for `ms` (a pause already longer is kept):
   * requests waiting or arriving start only after it, spaced at the rate again.
   */
  pauseFor(ms: number): void {
    if (!(ms > 0)) return
    const until = performance.now() + ms
    if (this.#pause !== undefined && this.#pause.until >= until) return
    const pause = {
      until,
      done: this.#sleep(ms).then(() => {
        if (this.#pause === pause) this.#pause = undefined
        // Requests that were spaced before the pause start one interval apart after it.
        this.#nextStartAt = Math.max(this.#nextStartAt, performance.now())
      })
    }
    this.#pause = pause
  }

  /** Waits while a pause lasts (a pause started meanwhile is waited for too). */
  async #waitWhilePaused(signal: AbortSignal | undefined): Promise<void> {
    while (this.#pause !== undefined) {
      const pause = this.#pause
      await abortable(pause.done, signal)
      if (this.#pause === pause) this.#pause = undefined
    }
  }

  /** Requests holding a slot right now. */
  get active(): number {
    return this.#active
  }

  /** Waits for a concurrency slot, then for the next start time the rate allows. */
  async acquire(signal?: AbortSignal): Promise<Release> {
    await this.#waitWhilePaused(signal)
    await this.#takeSlot(signal)
    let released = false
    const release: Release = () => {
      if (released) return
      released = true
      this.#giveBack()
    }
    if (this.#intervalMs > 0) {
      const now = performance.now()
      const startAt = Math.max(now, this.#nextStartAt)
      this.#nextStartAt = startAt + this.#intervalMs
      if (startAt > now) {
        try {
          await sleep(startAt - now, signal)
        } catch (error) {
          release()
          throw error
        }
      }
    }
    if (this.#pause !== undefined) {
      // A pause began while this request waited for its start: it waits too (keeping its slot).
      try {
        await this.#waitWhilePaused(signal)
      } catch (error) {
        release()
        throw error
      }
    }
    return release
  }

  #takeSlot(signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted) return Promise.reject(new WaitAborted())
    if (this.#active < this.#concurrency) {
      this.#occupy()
      return Promise.resolve()
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener("abort", onAbort)
          resolve()
        },
        cancelled: false
      }
      const onAbort = () => {
        waiter.cancelled = true
        reject(new WaitAborted())
      }
      this.#queue.push(waiter)
      signal?.addEventListener("abort", onAbort, { once: true })
    })
  }

  #occupy(): void {
    this.#active++
  }

  #giveBack(): void {
    this.#active--
    while (this.#head < this.#queue.length) {
      const waiter = this.#queue[this.#head]
      this.#queue[this.#head] = undefined
      this.#head++
      if (waiter !== undefined && !waiter.cancelled) {
        this.#occupy()
        waiter.grant()
        break
      }
    }
    // Compact once the consumed prefix dominates, so a long-lived client does not grow the array.
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue.splice(0, this.#head)
      this.#head = 0
    }
  }
}

const intervalOf = (requestsPerSecond: number): number =>
  Number.isFinite(requestsPerSecond) && requestsPerSecond > 0 ? 1000 / requestsPerSecond : 0

/** `promise`, or a `WaitAborted` as soon as `signal` aborts. */
const abortable = (promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> => {
  if (signal === undefined) return promise
  if (signal.aborted) return Promise.reject(new WaitAborted())
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(new WaitAborted())
    signal.addEventListener("abort", onAbort, { once: true })
    promise.then(
      () => {
        signal.removeEventListener("abort", onAbort)
        resolve()
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort)
        reject(error)
      }
    )
  })
}
