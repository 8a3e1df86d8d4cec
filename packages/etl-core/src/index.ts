/**
 * `@trialsync/etl-core`: the Effect-based engine that moves Clinical Conductor data into the
 * warehouse: the job catalog, the planner, the executor (plain and fan-out jobs, incremental
 * loads, checkpoints and resume), its services and a Promise facade.
 */
export * from "./catalog/index.js"
export * from "./config/index.js"
export * from "./engine/index.js"
export {
  type FacadeConfig,
  type FacadeOptions,
  resolveFacadeConfig,
  resume,
  runAll,
  runJob
} from "./facade.js"
export * from "./planner/index.js"
export * from "./quality/index.js"
export * from "./services/index.js"
export * from "./transform/index.js"
