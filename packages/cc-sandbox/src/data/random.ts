/**
 * Deterministic randomness. Every value the sandbox serves is a pure function of
 * (seed, entity, index, version), so records can be generated lazily and identically on every call,
 * in any order, in any process.
 */

/** A 32-bit avalanche mix (lowbias32): every input bit affects every output bit. */
export const mix32 = (value: number): number => {
  let x = value | 0
  x ^= x >>> 16
  x = Math.imul(x, 0x7feb352d)
  x ^= x >>> 15
  x = Math.imul(x, 0x846ca68b)
  x ^= x >>> 16
  return x >>> 0
}

/** Hashes up to four integers into one unsigned 32-bit value. */
export const hash = (a: number, b: number, c = 0, d = 0): number =>
  mix32(mix32(mix32(mix32(a + 0x9e3779b9) ^ b) ^ c) ^ d)

/** Hashes to a float in [0, 1). */
export const unit = (a: number, b: number, c = 0, d = 0): number => hash(a, b, c, d) / 4294967296

/** FNV-1a of a string: a stable numeric tag for entity names (adding an entity changes no other data). */
export const tagOf = (text: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

const HEX = "0123456789abcdef"

/** A small, fast PRNG (splitmix32) for the fields of one record. */
export class Rng {
  private state: number

  constructor(a: number, b: number, c = 0, d = 0) {
    this.state = hash(a, b, c, d) | 0
  }

  /** Restarts the stream from a new state (one record field at a time, so fields never shift each other). */
  reset(state: number): this {
    this.state = mix32(state) | 0
    return this
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0
    let z = this.state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    z ^= z >>> 16
    return (z >>> 0) / 4294967296
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: ReadonlyArray<T>): T {
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** A number with two decimals in [min, max). */
  money(min: number, max: number): number {
    return Math.round((min + this.next() * (max - min)) * 100) / 100
  }

  /** A random (version 4 layout) UUID. */
  uuid(): string {
    let out = ""
    for (let i = 0; i < 32; i++) {
      if (i === 8 || i === 12 || i === 16 || i === 20) out += "-"
      if (i === 12) out += "4"
      else if (i === 16) out += HEX[8 + Math.floor(this.next() * 4)]
      else out += HEX[Math.floor(this.next() * 16)]
    }
    return out
  }

  digits(count: number): string {
    let out = ""
    for (let i = 0; i < count; i++) out += HEX[Math.floor(this.next() * 10)]
    return out
  }
}
