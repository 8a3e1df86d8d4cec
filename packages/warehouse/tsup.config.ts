import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts", "src/testing/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  // `import.meta.url` locates migrations/ (src/migrations-folder.ts); the CJS build needs the shim.
  shims: true
})
