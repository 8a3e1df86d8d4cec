import { describe, expect, it } from "vitest"
import { RequestLimiter } from "../src/limiter.js"
import { WaitAborted } from "../src/sleep.js"

const settled = async <T>(promise: Promise<T>): Promise<"pending" | "resolved" | "rejected"> => {
  let state: "pending" | "resolved" | "rejected" = "pending"
  promise.then(
    () => {
      state = "resolved"
    },
    () => {
      state = "rejected"
    }
  )
  await new Promise((resolve) => setImmediate(resolve))
  return state
}

describe("RequestLimiter", () => {
  it("holds concurrency across callers and hands slots over first come, first served", async () => {
    const limiter = new RequestLimiter({ concurrency: 2, requestsPerSecond: Infinity })
    const first = await limiter.acquire()
    const second = await limiter.acquire()
    const third = limiter.acquire()
    const fourth = limiter.acquire()
    expect(await settled(third)).toBe("pending")
    expect(limiter.active).toBe(2)
    first()
    expect(await settled(third)).toBe("resolved")
    expect(await settled(fourth)).toBe("pending")
    second()
    expect(await settled(fourth)).toBe("resolved")
    ;(await third)()
    ;(await fourth)()
    expect(limiter.active).toBe(0)
  })

  it("releases a slot only once, however often release is called", async () => {
    const limiter = new RequestLimiter({ concurrency: 1, requestsPerSecond: Infinity })
    const release = await limiter.acquire()
    release()
    release()
    expect(limiter.active).toBe(0)
    const again = await limiter.acquire()
    expect(limiter.active).toBe(1)
    again()
  })

  it("drops an aborted waiter from the queue without losing the slot", async () => {
    const limiter = new RequestLimiter({ concurrency: 1, requestsPerSecond: Infinity })
    const held = await limiter.acquire()
    const controller = new AbortController()
    const aborted = limiter.acquire(controller.signal)
    const next = limiter.acquire()
    controller.abort()
    await expect(aborted).rejects.toBeInstanceOf(WaitAborted)
    held()
    expect(await settled(next)).toBe("resolved")
    ;(await next)()
    expect(limiter.active).toBe(0)
  })

  it("refuses at once when the signal has already fired", async () => {
    const limiter = new RequestLimiter({ concurrency: 1, requestsPerSecond: 5 })
    await expect(limiter.acquire(AbortSignal.abort())).rejects.toBeInstanceOf(WaitAborted)
    expect(limiter.active).toBe(0)
  })

  it("gives the slot back when aborted while waiting for the rate", async () => {
    const limiter = new RequestLimiter({ concurrency: 1, requestsPerSecond: 1 })
    ;(await limiter.acquire())()
    const controller = new AbortController()
    const spaced = limiter.acquire(controller.signal)
    expect(await settled(spaced)).toBe("pending")
    controller.abort()
    await expect(spaced).rejects.toBeInstanceOf(WaitAborted)
    expect(limiter.active).toBe(0)
  })
})
