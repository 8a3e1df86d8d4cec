import { existingQueriesSuite } from "./existing-queries.js"
import { fanoutControlSuite } from "./fanout-control.js"
import type { Harness } from "./harness.js"
import { instancesSuite } from "./instances.js"
import { jobsSuite } from "./jobs.js"
import { keySuite } from "./keys.js"
import { loaderSuite } from "./loader.js"
import { locksSuite } from "./locks.js"
import { markMissingSuite } from "./mark-missing.js"
import { migrationSuite } from "./migrations.js"
import { runsSuite } from "./runs.js"
import { safetySuite } from "./safety.js"
import { seenKeysSuite } from "./seen-keys.js"
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
  seenKeysSuite(h)
  fanoutControlSuite(h)
  safetySuite(h)
  instancesSuite(h)
  jobsSuite(h)
  unstorableTextSuite(h)
  transformControlSuite(h)
  runsSuite(h)
  locksSuite(h)
}
