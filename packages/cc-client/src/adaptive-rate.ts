/**
 * Adaptive rate (AIMD) for one client: the limiter starts at `requestsPerSecond` and
 *
 * - rises additively, by `step`, after each round of clean answers (2xx, not slow) as many as
 *   the current rate (about one second's worth);
 * - halves on a 429 or when latency rises (the EWMA of answer times above `latencyFactor` times
 *   its lowest settled value, and at least `latencyMarginMs` above it), at most once per
 *   `cooldownMs` (the 429s of one burst are one signal);
 * - after a 429 it climbs back with full steps only up to `recoverShare` of the rate that met the
 *   429, and probes above it with quarter steps, so it settles just under the server's limit
 *   instead of sawing between half and all of it;
 * - stays within [`minRequestsPerSecond`, `maxRequestsPerSecond`].
 *
 * The client pauses its whole limiter on a 429 (see transport.ts); this class only sets the rate.
 */
import type { RequestLimiter } from "./limiter.js"

export interface AdaptiveRateSettings {
  /** The ceiling: the rate never goes above it. */
  readonly max: number
  /** The floor: the rate never goes below it. */
  readonly min: number
  /** Requests per second added per clean round. */
  readonly step: number
  /** Factor applied on a 429 or rising latency (0.5: halve). */
  readonly decrease: number
  /** Latency EWMA over its baseline that counts as rising. */
  readonly latencyFactor: number
  /** Smallest rise in ms that counts (keeps jitter of fast answers from halving the rate). */
  readonly latencyMarginMs: number
  /** Share of the rate that met the last 429 up to which the rate climbs with full steps. */
  readonly recoverShare: number
  /** After a decrease, no other decrease for this long (ms). */
  readonly cooldownMs: number
  readonly now: () => number
}

const EWMA_WEIGHT = 0.1
/** Answers before the latency baseline counts. */
const WARMUP = 20

export class AdaptiveRate {
  readonly #limiter: RequestLimiter
  readonly #settings: AdaptiveRateSettings
  #clean = 0
  #ewmaMs: number | undefined
  #baselineMs: number | undefined
  #samples = 0
  #decreasedAt = Number.NEGATIVE_INFINITY
  #limitedAt: number | undefined
  #decreases = 0
  #increases = 0

  constructor(limiter: RequestLimiter, settings: AdaptiveRateSettings) {
    this.#limiter = limiter
    this.#settings = settings
    limiter.setRate(clamp(limiter.requestsPerSecond, settings))
  }

  get requestsPerSecond(): number {
    return this.#limiter.requestsPerSecond
  }

  /** Times the rate went down (429 or latency) and up. */
  get changes(): { readonly decreases: number; readonly increases: number } {
    return { decreases: this.#decreases, increases: this.#increases }
  }

  /** Continues from `rate` (kept within the floor and the ceiling); a non-finite or non-positive rate is ignored. */
  startFrom(rate: number): void {
    if (!(Number.isFinite(rate) && rate > 0)) return
    this.#clean = 0
    this.#limiter.setRate(clamp(rate, this.#settings))
  }

  /** A 2xx answer that took `ms` (headers and body). */
  answered(ms: number): void {
    const slow = this.#observeLatency(ms)
    if (slow) {
      this.#decrease(false)
      return
    }
    this.#clean++
    const rate = this.#limiter.requestsPerSecond
    if (this.#clean < Math.max(1, Math.ceil(rate))) return
    this.#clean = 0
    if (rate >= this.#settings.max) return
    const full = this.#limitedAt === undefined || rate < this.#limitedAt * this.#settings.recoverShare
    const next = clamp(rate + (full ? this.#settings.step : this.#settings.step / 4), this.#settings)
    if (next !== rate) {
      this.#increases++
      this.#limiter.setRate(next)
    }
  }

  /** A 429. */
  rateLimited(): void {
    this.#decrease(true)
  }

  #decrease(limited: boolean): void {
    const now = this.#settings.now()
    if (now - this.#decreasedAt < this.#settings.cooldownMs) return
    this.#decreasedAt = now
    this.#clean = 0
    const rate = this.#limiter.requestsPerSecond
    if (limited) this.#limitedAt = rate
    // Latency starts over from the baseline so one slow spell is one decrease.
    this.#ewmaMs = this.#baselineMs
    const next = clamp(rate * this.#settings.decrease, this.#settings)
    if (next !== rate) {
      this.#decreases++
      this.#limiter.setRate(next)
    }
  }

  /** Feeds the EWMA; true when it has risen over the baseline. */
  #observeLatency(ms: number): boolean {
    this.#samples++
    this.#ewmaMs = this.#ewmaMs === undefined ? ms : this.#ewmaMs + EWMA_WEIGHT * (ms - this.#ewmaMs)
    if (this.#samples < WARMUP) return false
    if (this.#baselineMs === undefined || this.#ewmaMs < this.#baselineMs) this.#baselineMs = this.#ewmaMs
    const { latencyFactor, latencyMarginMs } = this.#settings
    return this.#ewmaMs > this.#baselineMs * latencyFactor && this.#ewmaMs - this.#baselineMs > latencyMarginMs
  }
}

const clamp = (rate: number, settings: Pick<AdaptiveRateSettings, "min" | "max">): number =>
  Math.min(settings.max, Math.max(settings.min, rate))
