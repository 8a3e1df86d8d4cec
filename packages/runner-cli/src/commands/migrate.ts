/**
 * `trialsync migrate`: create or upgrade the warehouse, seed the job catalog, register the CC
 * instance of the configuration.
 */
import { Command } from "@effect/cli"
import { Effect } from "effect"
import { loadCliConfig } from "../context/config.js"
import { registerInstance } from "../context/instance.js"
import { acquireWarehouse, warehouseCall } from "../context/warehouse.js"
import { isCcConfigured, seedCatalog } from "../engine.js"
import { printLines } from "../output/cli-output.js"

export const migrateCommand = Command.make("migrate", {}, () =>
  Effect.scoped(
    Effect.gen(function* () {
      const config = yield* loadCliConfig([])
      const warehouse = yield* acquireWarehouse(config)
      yield* warehouseCall("Migrating the warehouse failed", () => warehouse.migrate())
      const seeded = yield* warehouseCall("Seeding the job catalog failed", () => seedCatalog(warehouse))
      const total = seeded.inserted.length + seeded.updated.length + seeded.unchanged
      yield* printLines(
        `Warehouse ready: ${warehouse.describe()}`,
        `Job catalog: ${total} jobs seeded (${seeded.inserted.length} inserted, ${seeded.updated.length} updated, ${seeded.unchanged} unchanged)`
      )
      if (isCcConfigured(config)) {
        const instance = yield* warehouseCall("Registering the CC instance failed", () =>
          registerInstance(warehouse, config)
        )
        yield* printLines(
          `CC instance "${instance.instanceName}" (id ${instance.id}): ${instance.baseUrl}, key header ${instance.apiKeyHeader}, key from ${instance.apiKeyRef}`
        )
      } else {
        yield* printLines(
          "No CC instance registered: CC_API_BASE_URL is not set (set it and CC_API_KEY before `trialsync run`)."
        )
      }
    })
  )
).pipe(Command.withDescription("Create or upgrade the warehouse and seed the job catalog (idempotent)."))
