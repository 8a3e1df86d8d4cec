/**
 * `@trialsync/etl-core`: the Effect-based engine that moves Clinical Conductor data into the
 * warehouse. This entry point exports the job catalog and the planner.
 */
export * from "./catalog/index.js"
export * from "./planner/index.js"
