/**
 * Gold (views and materialized views, DESIGN.md section 5): not built yet. Add Drizzle views here
 * as named exports (hand-written SQL that Drizzle cannot express goes into a custom migration:
 * `pnpm --filter @trialsync/warehouse db:generate --custom --name <name>`).
 */
export {}
