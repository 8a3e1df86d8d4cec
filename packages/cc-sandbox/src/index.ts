/**
 * `@trialsync/cc-sandbox`: a faithful stand-in Clinical Conductor server (synthetic data, OData,
 * faults, change simulation) for tests, demos and benchmarks.
 */
export { defaultApiKey, MAX_SCALE, SandboxConfigError } from "./config.js"
export { MutationError } from "./data/mutate.js"
export { startSandbox } from "./sandbox.js"
export type {
  EntityChanges,
  InstanceType,
  ListShape,
  MutateOptions,
  MutationSummary,
  Sandbox,
  SandboxFaults,
  SandboxInfo,
  SandboxOptions,
  SandboxStats,
  ScriptedFault
} from "./types.js"
