import type { Spread } from "./entities.js"
import { unit } from "./random.js"

export interface DistributeOptions {
  readonly total: number
  readonly parents: number
  readonly seed: number
  readonly tag: number
  readonly spread: Spread
  readonly zeroShare: number
  readonly minPerParent: number
}

/**
 * Spreads exactly `total` children over `parents` parents and returns the prefix sums
 * (`starts[p]` is the first child index of parent p, `starts[parents] === total`). Each parent's share
 * comes from a hashed weight, so the layout is a pure function of (seed, tag) and costs one typed
 * array: the only per-record memory the sandbox keeps.
 */
export const distribute = (options: DistributeOptions): Uint32Array => {
  const { parents, seed, tag, spread, zeroShare } = options
  const starts = new Uint32Array(parents + 1)
  if (parents === 0) return starts
  const minPerParent = Math.min(options.minPerParent, Math.floor(options.total / parents))
  const spare = options.total - minPerParent * parents
  const weights = new Float64Array(parents)
  let sum = 0
  for (let p = 0; p < parents; p++) {
    let weight = 0
    if (zeroShare === 0 || unit(seed, tag, p, 1) >= zeroShare) {
      const u = unit(seed, tag, p, 2)
      weight = spread === "skewed" ? -Math.log(1 - u * 0.999) + 0.05 : 0.25 + 1.5 * u
    }
    weights[p] = weight
    sum += weight
  }
  if (sum === 0) {
    weights.fill(1)
    sum = parents
  }
  let running = 0
  for (let p = 0; p < parents; p++) {
    starts[p] = minPerParent * p + Math.floor((spare * running) / sum)
    running += weights[p]!
  }
  starts[parents] = options.total
  return starts
}

/** The parent whose child range holds `child`: the largest p with `starts[p] <= child`. */
export const parentOfChild = (starts: Uint32Array, child: number): number => {
  let lo = 0
  let hi = starts.length - 2
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1
    if (starts[mid]! <= child) lo = mid
    else hi = mid - 1
  }
  return lo
}
