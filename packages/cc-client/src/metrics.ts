/** Counters of one client, read with `client.metrics()`. */
export interface CcMetrics {
  /** Logical requests started (one per `get`, page, or SDK call). */
  readonly requests: number
  /** HTTP attempts made (requests plus retries). */
  readonly attempts: number
  /** Retries scheduled. */
  readonly retries: number
  /** Attempt outcomes: HTTP status (`"200"`, `"429"`, ...) or `"timeout"`, `"network"`, `"aborted"`,
   * `"body-timeout"`, `"too-large"`, `"undecodable"`. */
  readonly byStatus: Readonly<Record<string, number>>
  /** HTTP attempts in flight right now. */
  readonly inFlight: number
  /** Most HTTP attempts ever in flight at once (bounded by `concurrency`). */
  readonly peakInFlight: number
  /** Request starts per second the limiter allows right now (the adaptive rate's current value). */
  readonly requestsPerSecond: number
  /** Times the adaptive rate went down (429 or rising latency) and up; zeros for a fixed rate. */
  readonly rateChanges: { readonly decreases: number; readonly increases: number }
}

/** The mutable side of `CcMetrics`, fed by the transport. */
export class MetricsRecorder {
  #requests = 0
  #attempts = 0
  #retries = 0
  #inFlight = 0
  #peakInFlight = 0
  readonly #byStatus: Record<string, number> = {}

  requestStarted(): void {
    this.#requests++
  }

  attemptStarted(): void {
    this.#attempts++
    this.#inFlight++
    if (this.#inFlight > this.#peakInFlight) this.#peakInFlight = this.#inFlight
  }

  attemptEnded(outcome: string): void {
    this.#inFlight--
    this.#byStatus[outcome] = (this.#byStatus[outcome] ?? 0) + 1
  }

  retried(): void {
    this.#retries++
  }

  /** A copy: later requests do not change it. */
  snapshot(rate: Pick<CcMetrics, "requestsPerSecond" | "rateChanges">): CcMetrics {
    return {
      requests: this.#requests,
      attempts: this.#attempts,
      retries: this.#retries,
      byStatus: { ...this.#byStatus },
      inFlight: this.#inFlight,
      peakInFlight: this.#peakInFlight,
      requestsPerSecond: rate.requestsPerSecond,
      rateChanges: { ...rate.rateChanges }
    }
  }
}
