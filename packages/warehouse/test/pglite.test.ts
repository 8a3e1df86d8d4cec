/** The shared suite on PGlite, in memory (one instance for the file: start-up takes seconds). */
import { describe } from "vitest"
import { openWarehouse } from "../src/index.js"
import { useWarehouse } from "./suite/harness.js"
import { sharedSuite } from "./suite/index.js"

describe("pglite", () => {
  const harness = useWarehouse("pglite", async () => {
    const warehouse = await openWarehouse({ inMemory: true })
    return { warehouse, cleanup: () => warehouse.close() }
  })
  sharedSuite(harness)
})
