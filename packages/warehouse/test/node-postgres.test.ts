/** The shared suite on PostgreSQL (node-postgres), in a database of its own. */
import { createTestDatabase } from "@trialsync/warehouse/testing"
import { describe } from "vitest"
import { openWarehouse } from "../src/index.js"
import { useWarehouse } from "./suite/harness.js"
import { sharedSuite } from "./suite/index.js"

describe("node-postgres", () => {
  const harness = useWarehouse("node-postgres", async () => {
    const database = await createTestDatabase("warehouse_suite")
    const warehouse = await openWarehouse({ databaseUrl: database.url })
    return {
      warehouse,
      cleanup: async () => {
        await warehouse.close()
        await database.drop()
      }
    }
  })
  sharedSuite(harness)
})
