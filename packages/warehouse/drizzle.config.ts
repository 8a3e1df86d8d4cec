import { defineConfig } from "drizzle-kit"

/** `pnpm --filter @trialsync/warehouse db:generate` writes migrations into the repo root's sql/. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./drizzle.schema.cjs",
  out: "../../sql/migrations",
  breakpoints: true
})
