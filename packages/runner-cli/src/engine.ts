/**
 * Everything the CLI takes from the library packages, in one place.
 */
export * from "@trialsync/etl-core"
// etl-core's entry point does not export its config module yet (packages/etl-core/src/index.ts
// belongs to the engine work); until it does, the CLI reaches it by path.
export * from "../../etl-core/src/config/index.js"
