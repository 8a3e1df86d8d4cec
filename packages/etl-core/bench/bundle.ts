/**
 * Bundles the benchmark's engine runner into one plain ES module (tsup/esbuild), so engine runs
 * are measured as they run in production, without the TypeScript loader: under tsx the same
 * process holds ~110 MB more (tsx's loader thread, its transform cache and source maps:
 * measured 203 MB RSS after importing the engine under tsx against 87 MB from a build).
 * PGlite stays external (it loads its WASM next to its own module), referenced by path.
 */
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "tsup"

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/** The ES module entry of PGlite, as the warehouse package resolves it. */
const pgliteEntry = (): string => {
  const require = createRequire(here("../../warehouse/package.json"))
  return join(dirname(require.resolve("@electric-sql/pglite")), "index.js")
}

/** Builds `bench/sync-run.ts` into `outDir`; returns the script's path. */
export const bundleEngineRunner = async (outDir: string): Promise<string> => {
  const pglite = pgliteEntry()
  await build({
    entry: { "sync-run": here("./sync-run.ts") },
    outDir,
    format: ["esm"],
    platform: "node",
    target: "node20",
    dts: false,
    sourcemap: false,
    splitting: false,
    clean: true,
    silent: true,
    noExternal: [/.*/],
    external: ["pg-native", "pg-cloudflare", "cloudflare:sockets"],
    // CommonJS dependencies (pg) call `require` for Node's own modules.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"
    },
    esbuildOptions: (options) => {
      options.conditions = ["source"]
    },
    esbuildPlugins: [
      {
        name: "pglite-by-path",
        setup: (builder) => {
          builder.onResolve({ filter: /^@electric-sql\/pglite$/ }, () => ({ path: pglite, external: true }))
        }
      }
    ]
  })
  return join(outDir, "sync-run.js")
}
