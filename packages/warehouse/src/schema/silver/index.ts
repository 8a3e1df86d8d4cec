/**
 * Silver (Kimball dimensions and facts, DESIGN.md section 5): not built yet. Add tables here as
 * named exports; `../index.ts` spreads this module into the warehouse schema and drizzle-kit picks
 * them up through `drizzle.schema.cjs`, so `pnpm --filter @trialsync/warehouse db:generate` writes
 * their migration.
 */
export {}
