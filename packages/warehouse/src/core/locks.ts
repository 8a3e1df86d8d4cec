/**
 * Warehouse locks: a lock on a key of two 32-bit integers, held by one holder at a time until it
 * is released or its holder dies. The core validates keys and makes `release` idempotent; the
 * drivers hold the lock (node-postgres: a session advisory lock on a connection of its own;
 * PGlite, one process only: the `LockRegistry` below).
 */
import { InvalidLockKeyError } from "./errors.js"
import type { HeldLock, LockKey } from "./types.js"

/** What a driver hands back for a lock it took. */
export interface DriverLock {
  /** Ends the hold; called at most once (the core makes `HeldLock.release` idempotent). */
  release(): Promise<void>
  /** `true` once the hold ended without `release` (the lock connection dropped). */
  lost(): boolean
}

const int32 = (value: unknown): boolean =>
  typeof value === "number" && Number.isInteger(value) && value >= -2_147_483_648 && value <= 2_147_483_647

/** Throws `InvalidLockKeyError` unless both parts of the key are 32-bit integers. */
export const checkLockKey = (key: LockKey): LockKey => {
  if (typeof key !== "object" || key === null || !int32(key.space) || !int32(key.id)) {
    throw new InvalidLockKeyError({ key: JSON.stringify(key) ?? String(key) })
  }
  return { space: key.space, id: key.id }
}

/** Wraps a driver's lock: `release` runs once, however often it is called. */
export const heldLock = (key: LockKey, lock: DriverLock): HeldLock => {
  let released: Promise<void> | undefined
  return {
    key,
    lost: () => lock.lost(),
    release: () => {
      released ??= lock.release()
      return released
    }
  }
}

/**
 * The locks of one process, for a driver that only one process can open (PGlite): a key is
 * locked while a holder of this registry has it.
 */
export class LockRegistry {
  readonly #held = new Set<string>()

  static #name = (key: LockKey) => `${key.space}:${key.id}`

  tryLock(key: LockKey): DriverLock | undefined {
    const name = LockRegistry.#name(key)
    if (this.#held.has(name)) return undefined
    this.#held.add(name)
    let held = true
    return {
      release: async () => {
        if (held) this.#held.delete(name)
        held = false
      },
      lost: () => false
    }
  }

  isLocked(key: LockKey): boolean {
    return this.#held.has(LockRegistry.#name(key))
  }

  /** Ends every hold (the driver closes). */
  clear(): void {
    this.#held.clear()
  }
}
