/**
 * Everything the CLI takes from the engine, in one place.
 */
export * from "@trialsync/etl-core"
