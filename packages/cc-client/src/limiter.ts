/**
 * One limiter per client, shared by every call it makes (generated SDK calls, `get`, pagination):
 * at most `concurrency` requests in flight, and request starts spaced `1000 / requestsPerSecond`
 * ms apart. Spacing (a token bucket holding one token) rather than a burst bucket keeps the rate
 * at exactly N per second over any window, which is what a server counting per second sees.
 * Waiters are served first come, first served; an aborted waiter leaves the queue at once.
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
  readonly #intervalMs: number
  #active = 0
  #nextStartAt = 0
  readonly #queue: Array<Waiter | undefined> = []
  #head = 0

  constructor(settings: LimiterSettings) {
    this.#concurrency = settings.concurrency
    this.#intervalMs = Number.isFinite(settings.requestsPerSecond) ? 1000 / settings.requestsPerSecond : 0
  }

  /** Requests holding a slot right now. */
  get active(): number {
    return this.#active
  }

  /** Waits for a concurrency slot, then for the next start time the rate allows. */
  async acquire(signal?: AbortSignal): Promise<Release> {
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
