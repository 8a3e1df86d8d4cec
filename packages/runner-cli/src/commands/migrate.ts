/**
 * `trialsync migrate`: create or upgrade the warehouse, seed the job catalog, and register the CC
 * instance of the configuration when no instance of that name exists. It never changes a
 * registered instance (pointing the configuration at a second CC once overwrote the first's base
 * URL): `trialsync instances` manages them.
 */
import { Command } from "@effect/cli"
import { addInstance, findInstance, type SourceInstanceRow } from "@trialsync/warehouse"
import { Effect } from "effect"
import { loadCliConfig } from "../context/config.js"
import { acquireMigratedWarehouse, warehouseCall } from "../context/warehouse.js"
import { apiKeyReference, configuredInstanceName, isCcConfigured, seedCatalog } from "../engine.js"
import { printLines } from "../output/cli-output.js"

const describe = (instance: SourceInstanceRow): string =>
  `CC instance "${instance.name}" (id ${instance.id}): ${instance.baseUrl}, key header ${instance.apiKeyHeader}, key from ${instance.apiKeyRef}`

export const migrateCommand = Command.make("migrate", {}, () =>
  Effect.scoped(
    Effect.gen(function* () {
      const config = yield* loadCliConfig([])
      const warehouse = yield* acquireMigratedWarehouse(config)
      const seeded = yield* warehouseCall("Seeding the job catalog failed", () => seedCatalog(warehouse))
      const total = seeded.inserted.length + seeded.updated.length + seeded.unchanged
      yield* printLines(
        `Warehouse ready: ${warehouse.describe()}`,
        `Job catalog: ${total} jobs seeded (${seeded.inserted.length} inserted, ${seeded.updated.length} updated, ${seeded.unchanged} unchanged)`
      )
      if (isCcConfigured(config)) {
        const existing = yield* warehouseCall("Reading dw_api_credentials failed", () =>
          findInstance(warehouse, configuredInstanceName)
        )
        const instance =
          existing ??
          (yield* warehouseCall("Registering the CC instance failed", () =>
            addInstance(warehouse, {
              name: configuredInstanceName,
              baseUrl: config.cc.baseUrl,
              apiKeyRef: apiKeyReference,
              apiKeyHeader: config.cc.apiKeyHeader
            })
          ))
        yield* printLines(describe(instance))
        if (existing !== undefined && existing.baseUrl !== config.cc.baseUrl) {
          yield* printLines(
            `  kept as registered: CC_API_BASE_URL (${config.cc.baseUrl}) differs; add another instance with \`trialsync instances add NAME --base-url URL --key-ref env:VAR\`.`
          )
        }
      } else {
        yield* printLines(
          "No CC instance registered: CC_API_BASE_URL is not set (set it and CC_API_KEY before `trialsync run`)."
        )
      }
    })
  )
).pipe(Command.withDescription("Create or upgrade the warehouse and seed the job catalog (idempotent)."))
