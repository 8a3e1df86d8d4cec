/**
 * `pnpm bench <name> [args...]`: runs one benchmark script. Each prints one JSON line per result,
 * with its comparison baseline measured in the same run (these machines are shared and noisy:
 * the ratio is the figure that counts).
 */
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")

const benches: Record<string, string> = {
  client: "packages/cc-client/bench/client.ts",
  rate: "packages/cc-client/bench/rate.ts",
  sandbox: "packages/cc-sandbox/bench/start.ts",
  load: "packages/warehouse/bench/load.ts",
  sync: "packages/etl-core/bench/sync.ts",
  transform: "packages/etl-core/bench/transform.ts"
}

const [name, ...args] = process.argv.slice(2)
const script = name === undefined ? undefined : benches[name]
if (script === undefined || !existsSync(join(root, script))) {
  const known = Object.keys(benches).filter((key) => existsSync(join(root, benches[key]!)))
  console.error(`Unknown benchmark ${JSON.stringify(name ?? "")}. Run one of: pnpm bench ${known.join(" | ")}`)
  process.exit(2)
}
const result = spawnSync(
  process.execPath,
  ["--conditions=source", "--import", "tsx", "--expose-gc", join(root, script), ...args],
  { stdio: "inherit", cwd: root }
)
process.exit(result.status ?? 1)
