/**
 * Typed errors of the CC client. Every class is a `Data.TaggedError` (so Effect code can
 * `catchTag`) and a real `Error` (so Promise code can `instanceof` or switch on `_tag`).
 * Each carries the HTTP method, the concrete path (no query string, never the key), the status
 * when there was one, and how many HTTP attempts were made; its message says what to check.
 */
import { Data } from "effect"

/** Fields every client error carries. */
export interface CcErrorFields {
  /** HTTP method, e.g. `GET`. */
  readonly method: string
  /** Concrete API path without query string, e.g. `/api/v1/studies/42/subjects/odata`. */
  readonly path: string
  /** HTTP attempts made (1 = no retry; 0 = refused before any request). */
  readonly attempts: number
  /** HTTP status, when the server answered. */
  readonly status?: number
  /** What the server said (an excerpt of its body, with the key scrubbed), when useful. */
  readonly detail?: string
}

const where = (fields: CcErrorFields): string => `${fields.method} ${fields.path}`

const tries = (attempts: number): string => (attempts === 1 ? "1 attempt" : `${attempts} attempts`)

const serverSaid = (fields: CcErrorFields): string =>
  fields.detail === undefined || fields.detail === "" ? "" : ` Server said: ${fields.detail}`

/** 400, and other 4xx the client does not name: the request itself is wrong. Never retried. */
export class BadRequest extends Data.TaggedError("BadRequest")<CcErrorFields & { readonly message: string }> {
  constructor(fields: CcErrorFields) {
    super({
      ...fields,
      message: `${where(fields)} answered ${fields.status ?? 400}: the server rejected the request; check the query options ($filter, $orderby, $top, $skip) and parameter values.${serverSaid(fields)}`
    })
  }
}

/** 401: the key was missing or wrong. Never retried. The message names the header that was sent. */
export class Unauthorized extends Data.TaggedError("Unauthorized")<
  CcErrorFields & { readonly apiKeyHeader: string; readonly message: string }
> {
  constructor(fields: CcErrorFields & { readonly apiKeyHeader: string }) {
    super({
      ...fields,
      message: `${where(fields)} answered 401 Unauthorized: sent the key in header ${fields.apiKeyHeader}; check CC_API_KEY (the key) and CC_API_KEY_HEADER (the header name: CCAPIKey by default, X-ApiKey on older installs).${serverSaid(fields)}`
    })
  }
}

/** 403: the key is valid but may not read this endpoint. Never retried. */
export class Forbidden extends Data.TaggedError("Forbidden")<CcErrorFields & { readonly message: string }> {
  constructor(fields: CcErrorFields) {
    super({
      ...fields,
      message: `${where(fields)} answered 403 Forbidden: the key was accepted but may not read this endpoint; check the API user's permissions in Clinical Conductor.${serverSaid(fields)}`
    })
  }
}

/** 404: wrong base URL, an endpoint this instance lacks, or a parent id that does not exist. Never retried. */
export class NotFound extends Data.TaggedError("NotFound")<
  CcErrorFields & { readonly baseUrl: string; readonly message: string }
> {
  constructor(fields: CcErrorFields & { readonly baseUrl: string }) {
    super({
      ...fields,
      message: `${where(fields)} answered 404 Not Found: check the base URL (${fields.baseUrl}; it must include the site path, e.g. https://host/CCSWEB) and the endpoint; for a parent-scoped path the parent id may not exist.${serverSaid(fields)}`
    })
  }
}

/** 501: the endpoint exists in the spec but not on this instance type (CCE-only, CCS-only). Never retried. */
export class NotImplemented extends Data.TaggedError("NotImplemented")<CcErrorFields & { readonly message: string }> {
  constructor(fields: CcErrorFields) {
    super({
      ...fields,
      message: `${where(fields)} answered 501 Not Implemented: this instance does not offer the endpoint (CCE-only or CCS-only features); check /api/v1/instance/details for the instance type, or disable the job that calls it.${serverSaid(fields)}`
    })
  }
}

/** 429 after every retry: the server kept limiting us. */
export class RateLimited extends Data.TaggedError("RateLimited")<
  CcErrorFields & { readonly retryAfterMs?: number; readonly message: string }
> {
  constructor(fields: CcErrorFields & { readonly retryAfterMs?: number }) {
    const hint = fields.retryAfterMs === undefined ? "" : ` (last Retry-After: ${fields.retryAfterMs} ms)`
    super({
      ...fields,
      message: `${where(fields)} answered 429 Too Many Requests after ${tries(fields.attempts)}${hint}: lower requestsPerSecond (ETL_RATE_LIMIT_RPS) or concurrency (ETL_CONCURRENCY), or raise maxRetries.${serverSaid(fields)}`
    })
  }
}

/** 5xx (other than 501) after every retry the policy allows. */
export class ServerError extends Data.TaggedError("ServerError")<CcErrorFields & { readonly message: string }> {
  constructor(fields: CcErrorFields) {
    super({
      ...fields,
      message: `${where(fields)} answered ${fields.status ?? 500} after ${tries(fields.attempts)}: the CC server is failing; try again later and check its health.${serverSaid(fields)}`
    })
  }
}

/** No complete answer within `timeoutMs`, on every attempt. */
export class Timeout extends Data.TaggedError("Timeout")<
  CcErrorFields & { readonly timeoutMs: number; readonly message: string }
> {
  constructor(fields: CcErrorFields & { readonly timeoutMs: number }) {
    super({
      ...fields,
      message: `${where(fields)} got no complete answer within ${fields.timeoutMs} ms (${tries(fields.attempts)}): check that the base URL is reachable, or raise timeoutMs (ETL_TIMEOUT_SECONDS).`
    })
  }
}

/** The connection failed (refused, reset, DNS) on every attempt. */
export class Network extends Data.TaggedError("Network")<
  CcErrorFields & { readonly origin: string; readonly message: string }
> {
  constructor(fields: CcErrorFields & { readonly origin: string }) {
    super({
      ...fields,
      message: `${where(fields)} could not reach ${fields.origin} (${tries(fields.attempts)})${fields.detail === undefined ? "" : `: ${fields.detail}`}; check the base URL (CC_API_BASE_URL) and the network.`
    })
  }
}

/** The server answered, but not with something the client understands. Never retried. */
export class BadResponse extends Data.TaggedError("BadResponse")<
  CcErrorFields & { readonly reason: string; readonly message: string }
> {
  constructor(fields: CcErrorFields & { readonly reason: string }) {
    super({
      ...fields,
      message: `${where(fields)} answered${fields.status === undefined ? "" : ` ${fields.status}`} with ${fields.reason}; check that the base URL points at the CC API (e.g. https://host/CCSWEB) and that the endpoint returns JSON.${serverSaid(fields)}`
    })
  }
}

/**
 * Paging would loop: the server served a page already seen (same records: it ignores `$skip`), or
 * a next link leads back to a page already fetched (compared normalised: query parameters sorted,
 * names lower-cased, percent-encoding decoded). Stopped instead of looping.
 */
export class PagingStalled extends Data.TaggedError("PagingStalled")<
  CcErrorFields & {
    readonly pageIndex: number
    readonly cursor: string
    readonly repeated: "content" | "link"
    readonly firstSeenPage: number
    readonly message: string
  }
> {
  constructor(
    fields: CcErrorFields & {
      readonly pageIndex: number
      readonly cursor: string
      readonly repeated?: "content" | "link"
      readonly firstSeenPage?: number
    }
  ) {
    const repeated = fields.repeated ?? "content"
    const firstSeenPage = fields.firstSeenPage ?? Math.max(0, fields.pageIndex - 1)
    const what =
      repeated === "link"
        ? `the next link of page ${fields.pageIndex} (${fields.cursor}) leads back to page ${firstSeenPage}, already fetched: the server's next links go round in a circle`
        : `page ${fields.pageIndex} (${fields.cursor}) repeats the records of page ${firstSeenPage}: the server seems to ignore $skip or its next link`
    super({
      ...fields,
      repeated,
      firstSeenPage,
      message: `${where(fields)}: ${what}, so paging stopped instead of looping. Fetch this endpoint without paging, pass a stable $orderby, or report the endpoint.`
    })
  }
}

/** The response body did not arrive in full within `bodyTimeoutMs` of its headers. */
export class BodyTimeout extends Data.TaggedError("BodyTimeout")<
  CcErrorFields & {
    readonly url: string
    readonly bodyTimeoutMs: number
    readonly contentEncoding?: string
    readonly message: string
  }
> {
  constructor(
    fields: CcErrorFields & { readonly url: string; readonly bodyTimeoutMs: number; readonly contentEncoding?: string }
  ) {
    const encoding =
      fields.contentEncoding === undefined
        ? ""
        : ` The response said Content-Encoding: ${fields.contentEncoding}; a server that labels plain bodies as compressed leaves the read hanging, so check the CC host's (IIS) compression settings or a proxy in between.`
    super({
      ...fields,
      message: `${fields.method} ${fields.url} answered ${fields.status ?? 200} but its body did not arrive in full within ${fields.bodyTimeoutMs} ms (${tries(fields.attempts)}).${encoding} If the answer is just slow, raise bodyTimeoutMs (CC_BODY_TIMEOUT_MS).`
    })
  }
}

/** The response body is larger than `maxResponseBytes`: reading stopped there. Never retried. */
export class ResponseTooLarge extends Data.TaggedError("ResponseTooLarge")<
  CcErrorFields & {
    readonly url: string
    readonly maxResponseBytes: number
    readonly contentLength?: number
    readonly message: string
  }
> {
  constructor(
    fields: CcErrorFields & { readonly url: string; readonly maxResponseBytes: number; readonly contentLength?: number }
  ) {
    const size =
      fields.contentLength === undefined
        ? `more than ${fields.maxResponseBytes} bytes`
        : `${fields.contentLength} bytes (Content-Length)`
    super({
      ...fields,
      message: `${fields.method} ${fields.url} answered ${fields.status ?? 200} with a body of ${size}, above the limit of ${fields.maxResponseBytes} bytes; reading stopped so memory stays bounded. Ask for smaller pages (pageSize, ETL_PAGE_SIZE) or $select fewer fields, or raise the limit (maxResponseBytes, CC_MAX_RESPONSE_BYTES).`
    })
  }
}

/** The caller asked for something the client refuses to send (e.g. `$top` above 1000). No request was made. */
export class InvalidQuery extends Data.TaggedError("InvalidQuery")<CcErrorFields & { readonly message: string }> {
  constructor(fields: Omit<CcErrorFields, "attempts" | "status" | "detail"> & { readonly problem: string }) {
    super({
      method: fields.method,
      path: fields.path,
      attempts: 0,
      message: `${fields.method} ${fields.path}: ${fields.problem}`
    })
  }
}

/** The caller's (or the client's) AbortSignal fired: the request or the retry wait was cancelled. */
export class Aborted extends Data.TaggedError("Aborted")<CcErrorFields & { readonly message: string }> {
  constructor(fields: CcErrorFields) {
    super({
      ...fields,
      message: `${where(fields)} was aborted by its AbortSignal after ${tries(fields.attempts)}.`
    })
  }
}

/** Every error a CC client call can fail with. */
export type CcError =
  | BadRequest
  | Unauthorized
  | Forbidden
  | NotFound
  | NotImplemented
  | RateLimited
  | ServerError
  | Timeout
  | BodyTimeout
  | Network
  | BadResponse
  | ResponseTooLarge
  | PagingStalled
  | InvalidQuery
  | Aborted

/**
 * The one classification table: every tag, and whether the server would answer the same way
 * again (`permanent`). The type makes it exhaustive: a new error class does not compile until it
 * is classified here.
 */
const CLASSIFICATION: { readonly [Tag in CcError["_tag"]]: { readonly permanent: boolean } } = {
  BadRequest: { permanent: true },
  Unauthorized: { permanent: true },
  Forbidden: { permanent: true },
  NotFound: { permanent: true },
  NotImplemented: { permanent: true },
  RateLimited: { permanent: false },
  ServerError: { permanent: false },
  Timeout: { permanent: false },
  BodyTimeout: { permanent: false },
  Network: { permanent: false },
  BadResponse: { permanent: false },
  ResponseTooLarge: { permanent: false },
  PagingStalled: { permanent: false },
  InvalidQuery: { permanent: false },
  Aborted: { permanent: false }
}

/**
 * True for errors raised by this client.
 *
 * @example
 * ```ts
 * try { await client.get("/api/v1/instance/details") } catch (error) { if (isCcError(error)) console.error(error.message) }
 * ```
 */
export const isCcError = (value: unknown): value is CcError =>
  value instanceof Error &&
  typeof (value as { _tag?: unknown })._tag === "string" &&
  Object.hasOwn(CLASSIFICATION, (value as CcError)._tag)

/**
 * True for the classes the server will answer the same way again (400/401/403/404/501): the
 * client never retries them, and neither should the caller.
 *
 * @example
 * ```ts
 * if (isPermanent(error)) markPartitionSkipped(error.message)
 * ```
 */
export const isPermanent = (error: CcError): boolean => CLASSIFICATION[error._tag]?.permanent === true

/** `createCcClient` was given an option it cannot work with. Thrown synchronously, before any request. */
export class InvalidOptions extends Data.TaggedError("InvalidOptions")<{
  readonly option: string
  readonly message: string
}> {
  constructor(fields: { readonly option: string; readonly problem: string }) {
    super({ option: fields.option, message: `createCcClient: option ${fields.option} ${fields.problem}` })
  }
}
