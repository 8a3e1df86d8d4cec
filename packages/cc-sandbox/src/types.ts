/**
 * Misbehaviour the sandbox adds to API answers (never to the `/__sandbox/` admin paths).
 *
 * @example
 * ```ts
 * sandbox.setFaults({ latencyMs: 20, faultRate: 0.05, rateLimitRps: 10 }) // slow, flaky, limited
 * sandbox.setFaults({})                                                   // back to normal
 * ```
 */
export interface SandboxFaults {
  /** Added to every response (default 0). */
  latencyMs?: number
  /**
   * Fraction 0..1 of API requests answered with a transient fault, chosen deterministically from the
   * seed among 429 (with Retry-After), 500, 502, 503, 504 and a connection reset (socket destroyed
   * without a response).
   */
  faultRate?: number
  /** Retry-After sent with 429s (default 1; 0 allowed). */
  retryAfterSeconds?: number
  /** Requests per second allowed per API key; above it: 429 + Retry-After. */
  rateLimitRps?: number
  /** Misbehave: ignore `$skip` and return the first page again (for client tests). */
  ignoreSkip?: boolean
}

/**
 * An answer queued for the next matching request, used once, in order.
 *
 * @example
 * ```ts
 * sandbox.enqueueFaults([
 *   { status: 429, retryAfter: "0", pathPrefix: "/api/v1/studies" }, // the next studies request
 *   { reset: true },                                                // then any request: socket destroyed
 *   { invalidJson: true }                                           // then a 200 that is not JSON
 * ])
 * ```
 */
export type ScriptedFault =
  /** Answer with this status (e.g. 429 with `retryAfter` "0" or an HTTP date) and optional raw body. */
  | { status: number; retryAfter?: string; body?: string; pathPrefix?: string }
  /** Destroy the socket without answering. */
  | { reset: true; pathPrefix?: string }
  /** Answer normally after a delay. */
  | { delayMs: number; pathPrefix?: string }
  /** Answer 200 with a body that is not JSON. */
  | { invalidJson: true; pathPrefix?: string }

/** Page objects as the spec declares them, camelCased, or in OData's own shape. */
export type ListShape = "pascal" | "camel" | "odata"

export type InstanceType = "CC" | "CCE" | "CCS"

export interface SandboxOptions {
  /** 0 (default) = a free port. */
  port?: number
  /** Default "127.0.0.1". */
  host?: string
  /** 1 = the production volumes of docs/design.md §3 (~5.8M rows); default 0.01 (~58k rows). */
  scale?: number
  /** Default 42; same seed + scale => same data, byte for byte. */
  seed?: number
  /** Default: derived from the seed ("sbx_" + 32 hex characters). */
  apiKey?: string
  /** Default "CCAPIKey". */
  apiKeyHeader?: string
  /**
   * `pascal` (default, as the spec declares): `{Items, NextPageLink, Count}`; `camel`:
   * `{items, nextPageLink, count}`; `odata`: `{value, "@odata.nextLink", "@odata.count"}`.
   */
  listShape?: ListShape
  /** Default "CC": CCE-only endpoints answer 501. */
  instanceType?: InstanceType
  faults?: SandboxFaults
}

export interface EntityChanges {
  updated: number
  inserted: number
  deleted: number
}

/** What one `mutate` call changed; `deleted` includes records hidden because an ancestor was deleted. */
export interface MutationSummary extends EntityChanges {
  byEntity: Record<string, EntityChanges>
}

export interface MutateOptions {
  /** Share 0..1 of each entity's records to change (at least one per entity when above 0). */
  fraction: number
  /** Seed of this round's choices (default: the sandbox seed). */
  seed?: number
  /** Clock advance before the changes (default one hour); change timestamps fall in the advanced window. */
  advanceMs?: number
  /** Only delete (no updates, no inserts): a list shrinks, e.g. between two pages of a snapshot. */
  deletesOnly?: boolean
  /** Change only these entities (keys as in `byEntity`, e.g. `["subject"]`); default all. */
  entities?: ReadonlyArray<string>
}

export interface SandboxStats {
  requests: number
  byStatus: Record<string, number>
  byPath: Record<string, number>
}

/** A description of a running sandbox (also `GET /__sandbox/info`). */
export interface SandboxInfo {
  seed: number
  scale: number
  instanceType: InstanceType
  listShape: ListShape
  /** The sandbox clock (ISO 8601); starts at 2025-12-01T00:00:00Z, the generated snapshot. */
  clock: string
  /** `mutate` calls so far. */
  mutations: number
  /** Records generated at start, over all entities. */
  generatedRecords: number
  queuedFaults: number
  faults: SandboxFaults
}

export interface Sandbox {
  /** E.g. "http://127.0.0.1:40123" (API paths are served at /api/v1/...). */
  readonly url: string
  readonly apiKey: string
  readonly apiKeyHeader: string
  stop(): Promise<void>
  /**
   * Advance the sandbox clock and change a fraction of the records: updates (bumping lastUpdatedOn
   * where the schema has it), inserts and deletes, across all entities; relations stay consistent.
   */
  mutate(options: MutateOptions): MutationSummary
  advanceClock(ms: number): void
  setFaults(faults: SandboxFaults): void
  enqueueFaults(faults: ReadonlyArray<ScriptedFault>): void
  /**
   * The sandbox's own truth: total records served by each list path template, summed over all
   * parents, keyed by the spec's path template, e.g. "/api/v1/studies/{studyId}/subjects/odata".
   */
  counts(): Record<string, number>
  /** Requests answered, by status and by path template (including 401/404/429/5xx). */
  stats(): SandboxStats
  resetStats(): void
  /** Seed, scale, clock and fault settings (an addition to the contract). */
  info(): SandboxInfo
}
