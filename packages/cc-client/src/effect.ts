/**
 * The Effect face of the client, for the ETL engine: `CcService` (a `Context.Tag` with layers)
 * whose list calls are Streams. Interrupting the fiber that runs a call aborts its HTTP request
 * (and any retry wait), because every call runs under an AbortSignal tied to the fiber.
 */
import { Context, Effect, Layer, Option, Stream } from "effect"
import { type CcClient, createCcClient } from "./client.js"
import { type CcError, isCcError } from "./errors.js"
import type { CcClientOptions } from "./options.js"
import type { Page } from "./pager.js"
import { linkSignals } from "./signals.js"
import type { GetArgs, GetPath, ItemOf, ListPath, PaginateOptions, ResponseOf, UntypedGetOptions } from "./types.js"

/** What `CcService` offers. Typed by path template where the path is a literal; untyped for paths held as data. */
export interface CcServiceShape {
  /** The Promise client underneath (shares limiter and metrics with the Effect calls). */
  readonly client: CcClient
  /** One GET. */
  get<P extends GetPath>(path: P, ...args: GetArgs<P>): Effect.Effect<ResponseOf<P>, CcError>
  get(path: string, options?: UntypedGetOptions): Effect.Effect<unknown, CcError>
  /** Pages of a list endpoint; one page is prefetched while the consumer works on the previous one. */
  pages<P extends ListPath>(path: P, options?: PaginateOptions<P>): Stream.Stream<Page<ItemOf<P>>, CcError>
  pages(path: string, options?: PaginateOptions): Stream.Stream<Page<unknown>, CcError>
  /** Records of a list endpoint. */
  records<P extends ListPath>(path: P, options?: PaginateOptions<P>): Stream.Stream<ItemOf<P>, CcError>
  records(path: string, options?: PaginateOptions): Stream.Stream<unknown, CcError>
}

/**
 * Runs a Promise call under the fiber's signal (linked with the caller's own, if any);
 * `CcError`s fail, anything else is a defect.
 */
const fromPromise = <A>(
  run: (signal: AbortSignal) => Promise<A>,
  callerSignal?: AbortSignal
): Effect.Effect<A, CcError> =>
  Effect.tryPromise({
    try: (fiberSignal) => {
      const linked = linkSignals([callerSignal, fiberSignal])
      return run(linked.signal).finally(linked.dispose)
    },
    catch: (error) => error
  }).pipe(Effect.catchAll((error) => (isCcError(error) ? Effect.fail(error) : Effect.die(error))))

const pagesOf = (
  client: CcClient,
  path: string,
  options: PaginateOptions = {}
): Stream.Stream<Page<unknown>, CcError> =>
  Stream.unwrapScoped(
    Effect.gen(function* () {
      const { controller, signal, dispose } = linkSignals([options.signal])
      const iterator = client.paginate(path, { ...options, signal })[Symbol.asyncIterator]()
      // Finalizers run in reverse: abort first (cancels the in-flight request and the prefetch),
      // then let the iterator run its own cleanup.
      yield* Effect.addFinalizer(() =>
        Effect.promise(async () => void (await iterator.return?.().catch(() => undefined)))
      )
      yield* Effect.addFinalizer(() =>
        Effect.sync(() => {
          controller.abort()
          dispose()
        })
      )
      return Stream.repeatEffectOption(
        fromPromise(() => iterator.next()).pipe(
          Effect.mapError((error) => Option.some(error)),
          Effect.flatMap((result) => (result.done === true ? Effect.fail(Option.none()) : Effect.succeed(result.value)))
        )
      )
    })
  )

/**
 * Builds the service over an existing client.
 *
 * @example
 * ```ts
 * const service = makeCcService(createCcClient({ baseUrl, apiKey }))
 * ```
 */
export const makeCcService = (client: CcClient): CcServiceShape => ({
  client,
  get: ((path: string, options: UntypedGetOptions = {}) =>
    fromPromise((signal) => client.getUntyped(path, { ...options, signal }), options.signal)) as CcServiceShape["get"],
  pages: ((path: string, options?: PaginateOptions) => pagesOf(client, path, options)) as CcServiceShape["pages"],
  records: ((path: string, options?: PaginateOptions) =>
    pagesOf(client, path, options).pipe(Stream.mapConcat((page) => page.items))) as CcServiceShape["records"]
})

/**
 * The CC client as an Effect service.
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { CcService } from "@trialsync/cc-client"
 *
 * const count = Effect.gen(function* () {
 *   const cc = yield* CcService
 *   return yield* Stream.runCount(cc.records("/api/v1/subjects/odata"))
 * }).pipe(Effect.provide(CcService.layer({ baseUrl, apiKey })))
 * ```
 */
export class CcService extends Context.Tag("@trialsync/cc-client/CcService")<CcService, CcServiceShape>() {
  /**
   * A client for the layer's lifetime: closing the layer's scope aborts whatever it still has in
   * flight. Invalid options are a defect (`InvalidOptions`); validate configuration first, or
   * build the client yourself and use `fromClient`.
   */
  static layer(options: CcClientOptions): Layer.Layer<CcService> {
    return Layer.scoped(
      CcService,
      Effect.gen(function* () {
        const { controller, signal, dispose } = linkSignals([options.signal])
        yield* Effect.addFinalizer(() =>
          Effect.sync(() => {
            controller.abort()
            dispose()
          })
        )
        const client = createCcClient({ ...options, signal })
        return makeCcService(client)
      })
    )
  }

  /** Wraps a client you already hold (e.g. the web app's), sharing its limiter. */
  static fromClient(client: CcClient): Layer.Layer<CcService> {
    return Layer.succeed(CcService, makeCcService(client))
  }
}
