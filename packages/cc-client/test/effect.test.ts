import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Exit, Fiber, Layer, Stream } from "effect"
import { CcService } from "../src/effect.js"
import { clientFor, useSandbox } from "./support/sandbox.js"

const sandbox = useSandbox()
const VISITS = "/api/v1/patient-visits/odata"

/** Waits on real timers (the test clock does not move them) until the condition holds. */
const waitUntil = (condition: () => boolean) =>
  Effect.promise(async () => {
    for (let tries = 0; tries < 2000 && !condition(); tries++) await new Promise((resolve) => setTimeout(resolve, 5))
  })

describe("CcService", () => {
  it.effect("streams every record of a list", () =>
    Effect.gen(function* () {
      const { client } = clientFor(sandbox.current)
      const total = sandbox.current.counts()[VISITS]!
      const records = yield* Effect.gen(function* () {
        const cc = yield* CcService
        return yield* Stream.runCollect(cc.records(VISITS, { pageSize: Math.ceil(total / 5) }))
      }).pipe(Effect.provide(CcService.fromClient(client)))
      expect(Chunk.size(records)).toBe(total)
      expect(new Set(Chunk.toArray(records).map((record) => JSON.stringify(record))).size).toBe(total)
    })
  )

  it.effect("streams pages with their cursors from a layer-owned client", () =>
    Effect.gen(function* () {
      const cc = yield* CcService
      const pages = Chunk.toArray(yield* Stream.runCollect(cc.pages("/api/v1/studies/odata", { pageSize: 1 })))
      expect(pages.length).toBeGreaterThan(1)
      expect(pages.at(-1)!.next).toBeUndefined()
      expect(pages.slice(0, -1).every((page) => page.next !== undefined)).toBe(true)
      expect(cc.client.metrics().requests).toBe(pages.length)
    }).pipe(
      Effect.provide(
        Layer.suspend(() =>
          CcService.layer({
            baseUrl: sandbox.current.url,
            apiKey: sandbox.current.apiKey,
            apiKeyHeader: sandbox.current.apiKeyHeader,
            requestsPerSecond: 0,
            env: {}
          })
        )
      )
    )
  )

  it.effect("fails with typed errors that catchTag can handle", () =>
    Effect.gen(function* () {
      const cc = yield* CcService
      const details = yield* cc.get("/api/v1/instance/details")
      expect(details.instanceType).toBe("CC")
      const outcome = yield* cc.get("/api/v1/no-such-path").pipe(
        Effect.as("found"),
        Effect.catchTag("NotFound", (error) => Effect.succeed(`not found after ${error.attempts} attempt`))
      )
      expect(outcome).toBe("not found after 1 attempt")
    }).pipe(Effect.provide(CcService.fromClient(clientFor(sandbox.current).client)))
  )

  it.effect("interrupting a get aborts its request", () =>
    Effect.gen(function* () {
      const { client } = clientFor(sandbox.current)
      sandbox.current.enqueueFaults([{ delayMs: 10_000, pathPrefix: "/api/v1/studies/odata" }])
      const get = Effect.flatMap(CcService, (cc) => cc.get("/api/v1/studies/odata"))
      const fiber = yield* Effect.fork(get.pipe(Effect.provide(CcService.fromClient(client))))
      yield* waitUntil(() => client.metrics().inFlight === 1)
      yield* Fiber.interrupt(fiber)
      yield* waitUntil(() => client.metrics().inFlight === 0)
      expect(client.metrics()).toMatchObject({ inFlight: 0, attempts: 1, byStatus: { aborted: 1 } })
    })
  )

  it.effect("interrupting the fiber aborts the in-flight HTTP request", () =>
    Effect.gen(function* () {
      const { client } = clientFor(sandbox.current)
      sandbox.current.enqueueFaults([{ delayMs: 10_000, pathPrefix: VISITS }])
      const records = Effect.flatMap(CcService, (cc) => Stream.runCollect(cc.records(VISITS)))
      const fiber = yield* Effect.fork(records.pipe(Effect.provide(CcService.fromClient(client))))
      yield* waitUntil(() => client.metrics().inFlight === 1)
      expect(client.metrics().inFlight).toBe(1)
      const exit = yield* Fiber.interrupt(fiber)
      expect(Exit.isInterrupted(exit)).toBe(true)
      yield* waitUntil(() => client.metrics().inFlight === 0)
      expect(client.metrics()).toMatchObject({ inFlight: 0, attempts: 1, byStatus: { aborted: 1 } })
    })
  )
})
