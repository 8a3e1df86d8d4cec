import { hash, unit } from "../data/random.js"
import type { SandboxFaults, ScriptedFault } from "../types.js"

/** A transient fault drawn by `faultRate`: an HTTP status, or a connection reset. */
export type RandomFault = 429 | 500 | 502 | 503 | 504 | "reset"

const RANDOM_FAULTS: ReadonlyArray<RandomFault> = [429, 500, 502, 503, 504, "reset"]

interface Bucket {
  tokens: number
  refilledAt: number
}

/**
 * The sandbox's misbehaviour: latency, scripted answers (a FIFO queue, each used once by the first
 * request whose path starts with its prefix), a per-key requests-per-second limit (token bucket with
 * one second of burst) and a rate of random transient faults drawn from the seed and a request
 * counter, so a run with the same requests sees the same faults.
 */
export class FaultController {
  private faults: SandboxFaults
  private readonly queue: Array<ScriptedFault> = []
  private readonly buckets = new Map<string, Bucket>()
  private drawn = 0

  constructor(
    private readonly seed: number,
    faults: SandboxFaults
  ) {
    this.faults = { ...faults }
  }

  get current(): Readonly<SandboxFaults> {
    return this.faults
  }

  /** Replaces every fault setting (fields left out are off). */
  set(faults: SandboxFaults): void {
    this.faults = { ...faults }
    this.buckets.clear()
  }

  enqueue(faults: ReadonlyArray<ScriptedFault>): void {
    this.queue.push(...faults)
  }

  get queued(): number {
    return this.queue.length
  }

  /** Takes the first queued fault that applies to `path`. */
  takeScripted(path: string): ScriptedFault | undefined {
    const position = this.queue.findIndex(
      (fault) => fault.pathPrefix === undefined || path.startsWith(fault.pathPrefix)
    )
    return position < 0 ? undefined : this.queue.splice(position, 1)[0]
  }

  /** Seconds to wait when `key` is over its requests-per-second limit, else undefined (and a token is spent). */
  overRateLimit(key: string, nowMs: number): number | undefined {
    const rps = this.faults.rateLimitRps
    if (rps === undefined) return undefined
    let bucket = this.buckets.get(key)
    if (bucket === undefined) {
      bucket = { tokens: Math.max(1, rps), refilledAt: nowMs }
      this.buckets.set(key, bucket)
    }
    bucket.tokens = Math.min(Math.max(1, rps), bucket.tokens + ((nowMs - bucket.refilledAt) / 1000) * rps)
    bucket.refilledAt = nowMs
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return undefined
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / rps))
  }

  /** Draws whether this request fails at random, and how. */
  drawRandomFault(): RandomFault | undefined {
    const rate = this.faults.faultRate ?? 0
    if (rate <= 0) return undefined
    const draw = this.drawn++
    if (unit(this.seed, 0x6661756c, draw) >= rate) return undefined
    return RANDOM_FAULTS[hash(this.seed, 0x6b696e64, draw) % RANDOM_FAULTS.length]
  }
}
