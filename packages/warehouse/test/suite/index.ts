import { existingQueriesSuite } from "./existing-queries.js"
import type { Harness } from "./harness.js"
import { instancesSuite } from "./instances.js"
import { keySuite } from "./keys.js"
import { loaderSuite } from "./loader.js"
import { locksSuite } from "./locks.js"
import { markMissingSuite } from "./mark-missing.js"
import { migrationSuite } from "./migrations.js"
import { safetySuite } from "./safety.js"
import { stagedSuite } from "./staged.js"
import { transformControlSuite } from "./transform-control.js"
import { unstorableTextSuite } from "./unstorable-text.js"

/** Every shared suite, for one driver. */
export const sharedSuite = (h: Harness) => {
  migrationSuite(h)
  existingQueriesSuite(h)
  loaderSuite(h)
  stagedSuite(h)
  keySuite(h)
  markMissingSuite(h)
  safetySuite(h)
  instancesSuite(h)
  unstorableTextSuite(h)
  transformControlSuite(h)
  locksSuite(h)
}
