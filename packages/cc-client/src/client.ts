/**
 * `createCcClient`: one client a web app can hold for its whole life. Typed `get` for the 164 GETs,
 * `paginate`/`records` for lists, the generated SDK (`sdk`) bound to the same transport, and
 * counters. The key lives only inside the transport's closure: the client object has no field
 * holding it, and its `toString`, `toJSON` and `util.inspect` forms say `[redacted]`.
 */
import { inspect } from "node:util"
import { AdaptiveRate } from "./adaptive-rate.js"
import { createClient as createGeneratedClient } from "./generated/client/index.js"
import { CcSdk } from "./generated/sdk.gen.js"
import { parseJsonBody } from "./json-body.js"
import { RequestLimiter } from "./limiter.js"
import { makeScrub, REDACTED, safeLogger } from "./logger.js"
import { type CcMetrics, MetricsRecorder } from "./metrics.js"
import { checkTop } from "./odata.js"
import { type CcClientOptions, resolveOptions } from "./options.js"
import type { Page } from "./pager.js"
import { paginatePages, paginateRecords } from "./paginate.js"
import { sdkFetch } from "./sdk-fetch.js"
import { createTransport } from "./transport.js"
import type { GetArgs, GetPath, ItemOf, ListPath, PaginateOptions, ResponseOf, UntypedGetOptions } from "./types.js"
import { apiUrl, type QueryValue, resolvePath, serializeQuery } from "./url.js"

/** A Clinical Conductor client. */
export interface CcClient {
  /** The base URL requests go to (never carries the key). */
  readonly baseUrl: string
  /** The header the key is sent in. */
  readonly apiKeyHeader: string
  /**
   * One GET, typed by the spec's path template.
   *
   * @example
   * ```ts
   * const study = await client.get("/api/v1/studies/{id}", { params: { id: 42 } })
   * ```
   */
  get<P extends GetPath>(path: P, ...args: GetArgs<P>): Promise<ResponseOf<P>>
  /** One GET of a path held as data (the engine reads paths from its catalog). */
  getUntyped(path: string, options?: UntypedGetOptions): Promise<unknown>
  /** Pages of a list endpoint (page objects, bare arrays, OData `value`), following next links or `$skip`. */
  paginate<P extends ListPath>(path: P, options?: PaginateOptions<P>): AsyncIterable<Page<ItemOf<P>>>
  paginate(path: string, options?: PaginateOptions): AsyncIterable<Page<unknown>>
  /** The records of a list endpoint, page after page. */
  records<P extends ListPath>(path: P, options?: PaginateOptions<P>): AsyncIterable<ItemOf<P>>
  records(path: string, options?: PaginateOptions): AsyncIterable<unknown>
  /** The generated operations (all 310 of the spec), sent through this client's transport; they throw `CcError`s. */
  readonly sdk: CcSdk
  /** Counters since the client was created. */
  metrics(): CcMetrics
  /** Request starts per second allowed right now: the adaptive rate's current value, or the fixed rate. */
  currentRequestsPerSecond(): number
  /** Whether the rate adapts (`maxRequestsPerSecond` above `requestsPerSecond`). */
  readonly adaptiveRate: boolean
  /**
   * Continues the adaptive rate from `requestsPerSecond` (e.g. what the last run against this
   * instance learned), kept within the floor and `maxRequestsPerSecond`. A fixed-rate client
   * ignores it. Returns the rate in effect.
   */
  startFromRate(requestsPerSecond: number): number
}

/**
 * Creates a client. Throws `InvalidOptions` for a bad option (nothing is sent before that).
 *
 * @example
 * ```ts
 * import { createCcClient } from "@trialsync/cc-client"
 *
 * const client = createCcClient({ baseUrl: process.env.CC_API_BASE_URL!, apiKey: process.env.CC_API_KEY! })
 * const details = await client.get("/api/v1/instance/details")
 * for await (const subject of client.records("/api/v1/studies/{studyId}/subjects/odata", { params: { studyId: 42 } })) {
 *   console.log(subject.id)
 * }
 * ```
 */
export const createCcClient = (options: CcClientOptions): CcClient => {
  const resolved = resolveOptions(options)
  const scrub = makeScrub(resolved.apiKey)
  const metrics = new MetricsRecorder()
  const limiter = new RequestLimiter({
    concurrency: resolved.concurrency,
    requestsPerSecond: resolved.requestsPerSecond,
    sleep: (ms) => resolved.sleep(ms)
  })
  const adaptive =
    resolved.adaptive === undefined
      ? undefined
      : new AdaptiveRate(limiter, {
          ...resolved.adaptive,
          decrease: 0.5,
          latencyFactor: 2,
          latencyMarginMs: 50,
          recoverShare: 0.9,
          now: () => performance.now()
        })
  const transport = createTransport({
    baseUrl: resolved.baseUrl,
    apiKey: resolved.apiKey,
    apiKeyHeader: resolved.apiKeyHeader,
    timeoutMs: resolved.timeoutMs,
    bodyTimeoutMs: resolved.bodyTimeoutMs,
    maxResponseBytes: resolved.maxResponseBytes,
    retry: resolved.retry,
    limiter,
    adaptive,
    signal: resolved.signal,
    logger: safeLogger(resolved.logger, scrub, resolved.logLevel),
    scrub,
    sleep: resolved.sleep,
    random: resolved.random,
    now: resolved.now,
    fetch: resolved.fetch,
    metrics
  })
  const pagerContext = { transport, baseUrl: resolved.baseUrl }
  const baseUrl = resolved.baseUrl.href.replace(/\/+$/, "")
  const apiKeyHeader = resolved.apiKeyHeader

  const getUntyped = async (path: string, getOptions: UntypedGetOptions = {}): Promise<unknown> => {
    const concrete = resolvePath(path, getOptions.params)
    const query = (getOptions.query ?? {}) as Readonly<Record<string, QueryValue>>
    checkTop(query.$top ?? undefined, { method: "GET", path: concrete })
    const url = apiUrl(resolved.baseUrl, concrete, serializeQuery(query))
    const response = await transport.send({
      method: "GET",
      url,
      ...(getOptions.signal === undefined ? {} : { signal: getOptions.signal })
    })
    const where = { method: "GET", path: transport.apiPath(url), attempts: response.attempts, status: response.status }
    return parseJsonBody(response.text, where, scrub, "a JSON answer")
  }

  const sdk = new CcSdk({
    client: createGeneratedClient({
      baseUrl,
      throwOnError: true,
      // Our transport owns retries, timeouts and HTTP errors; ky only builds the request.
      kyOptions: { fetch: sdkFetch(transport, resolved.baseUrl), retry: 0, timeout: false, throwHttpErrors: false }
    })
  })

  const describe = `CcClient(${baseUrl}, key in header ${apiKeyHeader}: ${REDACTED})`

  const client: CcClient & { toJSON(): unknown; toString(): string } = {
    baseUrl,
    apiKeyHeader,
    get: (<P extends GetPath>(path: P, ...args: GetArgs<P>) =>
      getUntyped(path, (args[0] ?? {}) as UntypedGetOptions)) as CcClient["get"],
    getUntyped,
    paginate: ((path: string, paginateOptions?: PaginateOptions) =>
      paginatePages(pagerContext, scrub, path, paginateOptions)) as CcClient["paginate"],
    records: ((path: string, paginateOptions?: PaginateOptions) =>
      paginateRecords(pagerContext, scrub, path, paginateOptions)) as CcClient["records"],
    sdk,
    metrics: () =>
      metrics.snapshot({
        requestsPerSecond: limiter.requestsPerSecond,
        rateChanges: adaptive?.changes ?? { decreases: 0, increases: 0 }
      }),
    currentRequestsPerSecond: () => limiter.requestsPerSecond,
    adaptiveRate: adaptive !== undefined,
    startFromRate: (requestsPerSecond: number) => {
      adaptive?.startFrom(requestsPerSecond)
      return limiter.requestsPerSecond
    },
    toJSON: () => ({ baseUrl, apiKeyHeader, apiKey: REDACTED }),
    toString: () => describe
  }
  Object.defineProperty(client, inspect.custom, { value: () => describe, enumerable: false })
  return client
}
