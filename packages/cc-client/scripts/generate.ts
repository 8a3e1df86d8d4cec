/**
 * `pnpm generate`: regenerate `src/generated/` from `spec/cc_openapi.json` (after spec/patch.ts).
 * The drift test (test/generated/drift.test.ts) fails when the committed output differs from
 * what this produces, so run it after changing the spec, the patch or the generator version.
 */
import { GENERATED_DIR, generateClient } from "./generate-client.js"

const result = await generateClient({ outDir: GENERATED_DIR })
console.log(
  `generated ${result.operations} operations from spec ${result.specVersion} (sha256 ${result.specSha256.slice(0, 12)}) into ${result.outDir}`
)
