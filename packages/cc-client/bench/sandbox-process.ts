/**
 * Runs a sandbox in its own process for the client benchmark, so the benchmark's CPU figures
 * measure the client, not the server. Prints one JSON line `{ url, apiKey, apiKeyHeader }` and
 * serves until killed. Options come as one JSON argument (SandboxOptions).
 */
import { startSandbox } from "@trialsync/cc-sandbox"

const options = JSON.parse(process.argv[2] ?? "{}")
const sandbox = await startSandbox(options)
console.log(JSON.stringify({ url: sandbox.url, apiKey: sandbox.apiKey, apiKeyHeader: sandbox.apiKeyHeader }))
const stop = () => {
  sandbox.stop().finally(() => process.exit(0))
}
process.on("SIGTERM", stop)
process.on("SIGINT", stop)
