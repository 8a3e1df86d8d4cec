import { describe, expect, it } from "vitest"
import { InvalidLockKeyError } from "../../src/index.js"
import type { Harness } from "./harness.js"

export const locksSuite = (h: Harness) =>
  describe("locks (tryLock, isLocked)", () => {
    it("holds a key for one holder until it is released", async () => {
      const warehouse = h.warehouse()
      const key = { space: h.freshInstanceId(), id: 7 }
      expect(await warehouse.isLocked(key)).toBe(false)
      const lock = await warehouse.tryLock(key)
      expect(lock).toBeDefined()
      expect(lock!.key).toEqual(key)
      expect(lock!.lost()).toBe(false)
      expect(await warehouse.isLocked(key)).toBe(true)
      // Held: a second holder (this process too) is refused at once, however often it asks.
      expect(await warehouse.tryLock(key)).toBeUndefined()
      expect(await warehouse.tryLock({ ...key })).toBeUndefined()
      expect(await warehouse.isLocked(key)).toBe(true)
      await lock!.release()
      expect(await warehouse.isLocked(key)).toBe(false)
      // Idempotent release; the key can be taken again.
      await lock!.release()
      const again = await warehouse.tryLock(key)
      expect(again).toBeDefined()
      await again!.release()
      expect(await warehouse.isLocked(key)).toBe(false)
    })

    it("keys differ by either part, in order", async () => {
      const warehouse = h.warehouse()
      const space = h.freshInstanceId()
      const held = await warehouse.tryLock({ space, id: 1 })
      expect(held).toBeDefined()
      const others = [
        { space, id: 2 },
        { space: space + 1, id: 1 },
        { space: 1, id: space },
        { space: -space, id: -1 }
      ]
      const locks = await Promise.all(others.map((key) => warehouse.tryLock(key)))
      expect(locks.every((lock) => lock !== undefined)).toBe(true)
      for (const key of others) expect(await warehouse.isLocked(key)).toBe(true)
      await Promise.all([held, ...locks].map((lock) => lock!.release()))
      for (const key of [{ space, id: 1 }, ...others]) expect(await warehouse.isLocked(key)).toBe(false)
    })

    it("isLocked inside and beside an open transaction does not take the lock", async () => {
      const warehouse = h.warehouse()
      const key = { space: h.freshInstanceId(), id: 3 }
      await warehouse.transaction(async (tx) => {
        await tx.query("SELECT 1")
      })
      expect(await warehouse.isLocked(key)).toBe(false)
      expect(await warehouse.isLocked(key)).toBe(false)
      const lock = await warehouse.tryLock(key)
      expect(lock).toBeDefined()
      await lock!.release()
    })

    it("refuses keys that are not two 32-bit integers", async () => {
      const warehouse = h.warehouse()
      for (const key of [
        { space: 1.5, id: 1 },
        { space: 1, id: 2 ** 31 },
        { space: -(2 ** 31) - 1, id: 1 },
        { space: Number.NaN, id: 1 },
        { space: "1", id: 1 } as unknown as { space: number; id: number }
      ]) {
        await expect(warehouse.tryLock(key)).rejects.toBeInstanceOf(InvalidLockKeyError)
        await expect(warehouse.isLocked(key)).rejects.toThrow(/Invalid lock key .*both integers/)
      }
      const edge = await warehouse.tryLock({ space: 2 ** 31 - 1, id: -(2 ** 31) })
      expect(edge).toBeDefined()
      await edge!.release()
    })
  })
