/**
 * Where the generated migrations live: the repository root's `sql/migrations`. This module sits
 * directly in `src/`, and tsup bundles it into `dist/index.*`; both are the same depth below the
 * root, so one relative path serves source and build alike.
 */
import { fileURLToPath } from "node:url"

/** Absolute path of `sql/migrations`. */
export const defaultMigrationsFolder = (): string => fileURLToPath(new URL("../../../sql/migrations", import.meta.url))
