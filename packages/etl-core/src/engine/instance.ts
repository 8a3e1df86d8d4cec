/**
 * The identity of the CC source: `GET /api/v1/instance/details` (the one call that needs no
 * key) names the instance, and one `dw_api_credentials` row per instance holds its base URL, the
 * header the key goes in and a *reference* to where the key lives, never the key. Its id is the
 * `source_instance_id` of every run and staging row.
 */
import { CcService } from "@trialsync/cc-client"
import { findInstanceIdByUid, registerIdentifiedInstance } from "@trialsync/warehouse"
import { Effect } from "effect"
import { type WarehouseService, withWarehouse } from "../services/warehouse.js"
import { SourceUnavailableError, type WarehouseError } from "./errors.js"

/** Where the engine's key lives: the environment variable, by name. */
export const apiKeyReference = "env:CC_API_KEY"

/** The name the instance `CC_API_BASE_URL` configures is registered and recorded under. */
export const configuredInstanceName = "default"

export interface SourceInstance {
  /** `dw_api_credentials.id`, or undefined when the instance is not registered (dry run). */
  readonly id: number | undefined
  readonly instanceUid: string
  readonly instanceType: string | undefined
}

interface InstanceDetails {
  readonly instanceUid: string
  readonly instanceType: string | undefined
}

const field = (record: Record<string, unknown>, ...names: ReadonlyArray<string>): unknown =>
  names.map((name) => record[name]).find((value) => value !== undefined && value !== null)

/** Reads the instance details; any failure means the source cannot be reached or identified. */
export const readInstanceDetails: Effect.Effect<InstanceDetails, SourceUnavailableError, CcService> = Effect.gen(
  function* () {
    const cc = yield* CcService
    const body = yield* cc.get("/api/v1/instance/details").pipe(
      Effect.mapError(
        (error) =>
          new SourceUnavailableError({
            tag: error._tag,
            message: `Cannot identify the CC instance (GET /api/v1/instance/details): ${error.message}`
          })
      )
    )
    const record = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>
    const uid = field(record, "instanceUID", "instanceUid", "InstanceUID", "InstanceUid")
    if (typeof uid !== "string" || uid === "") {
      return yield* new SourceUnavailableError({
        tag: "BadResponse",
        message:
          "GET /api/v1/instance/details answered without an instanceUID, so the source cannot be identified; check that CC_API_BASE_URL points at the CC API."
      })
    }
    const type = field(record, "instanceType", "InstanceType")
    return { instanceUid: uid, instanceType: typeof type === "string" ? type : undefined }
  }
)

/**
 * Instance details need no key, so identifying the source proves nothing about the key: one
 * authenticated request does, before anything is written. Only a 401 stops the run here (the
 * key or its header is wrong for every job); any other answer is left to the jobs to report.
 */
export const verifyApiKey: Effect.Effect<void, SourceUnavailableError, CcService> = Effect.gen(function* () {
  const cc = yield* CcService
  yield* cc.get("/api/v1/sites/odata", { query: { $top: 1 } }).pipe(
    Effect.asVoid,
    Effect.catchIf(
      (error) => error._tag !== "Unauthorized",
      () => Effect.void
    ),
    Effect.mapError(
      (error) =>
        new SourceUnavailableError({
          tag: error._tag,
          message: `The CC API refused the key (GET /api/v1/sites/odata): ${error.message}`
        })
    )
  )
})

/**
 * Identifies the source and keeps its `dw_api_credentials` row current (see
 * `registerIdentifiedInstance` of `@trialsync/warehouse`, the one place instances are written).
 */
export const registerSourceInstance = (input: {
  readonly baseUrl: string
  readonly apiKeyHeader: string
  readonly instanceName: string
  /** Where the key came from; default `env:CC_API_KEY`. */
  readonly apiKeyRef?: string | undefined
}): Effect.Effect<SourceInstance, SourceUnavailableError | WarehouseError, CcService | WarehouseService> =>
  Effect.gen(function* () {
    const details = yield* readInstanceDetails
    yield* verifyApiKey
    const id = yield* withWarehouse("registering the CC instance in dw_api_credentials", (db) =>
      registerIdentifiedInstance(db, {
        name: input.instanceName,
        baseUrl: input.baseUrl,
        apiKeyHeader: input.apiKeyHeader,
        apiKeyRef: input.apiKeyRef ?? apiKeyReference,
        instanceUid: details.instanceUid,
        instanceType: details.instanceType
      })
    )
    return { id, instanceUid: details.instanceUid, instanceType: details.instanceType }
  })

/** Identifies the source without writing: the registered row's id, if any (dry runs). */
export const lookUpSourceInstance: Effect.Effect<
  SourceInstance,
  SourceUnavailableError | WarehouseError,
  CcService | WarehouseService
> = Effect.gen(function* () {
  const details = yield* readInstanceDetails
  const id = yield* withWarehouse("looking up the CC instance", (db) => findInstanceIdByUid(db, details.instanceUid))
  return { id, instanceUid: details.instanceUid, instanceType: details.instanceType }
})
