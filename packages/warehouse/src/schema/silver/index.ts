/**
 * Silver (Kimball, docs/design.md §5): Type-2 dimensions (studies, subjects, patients, visit
 * definitions, elements, study arms), Type-1 dimensions (sites, sponsors, staff, monitors), the
 * Type-0 date dimension, and the facts. `@trialsync/etl-core`'s `transform` fills them; their
 * migration is `packages/warehouse/migrations/0002_silver.sql` (the date rows are in `0003_gold.sql`).
 */
export { beginningOfTime, clinicalConductor, endOfTime } from "./columns.js"
export * from "./dimensions.js"
export * from "./facts-study.js"
export * from "./facts-subject.js"
export * from "./facts-visit.js"
export * from "./reference-dimensions.js"
