import { defineConfig } from "drizzle-kit"

/** `pnpm --filter @trialsync/warehouse db:generate` writes migrations into the package's `migrations/`. */
export default defineConfig({
  dialect: "postgresql",
  schema: "./drizzle.schema.cjs",
  out: "./migrations",
  breakpoints: true
})
