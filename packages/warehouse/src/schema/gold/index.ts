/**
 * Gold (docs/design.md §5): views over Silver and the control tables, and one materialized
 * view refreshed concurrently by each transformation. The SQL is the custom migration
 * `packages/warehouse/migrations/0003_gold.sql`; these declarations give typed queries.
 */
export * from "./views.js"
