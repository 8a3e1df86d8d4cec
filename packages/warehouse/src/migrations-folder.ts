/**
 * Where the generated migrations live: the package's own `migrations/`, shipped with it. This
 * module sits directly in `src/`, and tsup bundles it into `dist/index.*`; both are one level below
 * the package root, so one relative path serves source and build alike.
 */
import { fileURLToPath } from "node:url"

/** Absolute path of the package's `migrations/` folder. */
export const defaultMigrationsFolder = (): string => fileURLToPath(new URL("../migrations", import.meta.url))
