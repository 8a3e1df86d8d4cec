/**
 * Runs a sandbox until SIGINT/SIGTERM and prints where it listens:
 * `node --conditions=source --import tsx packages/cc-sandbox/src/main.ts --port 4010 --scale 0.01`.
 * Options: --port, --host, --scale, --seed, --api-key, --api-key-header, --list-shape,
 * --instance-type, --latency-ms, --fault-rate, --rate-limit-rps. Exit code 2 on bad options.
 */
import { parseArgs } from "node:util"
import { SandboxConfigError } from "./config.js"
import { startSandbox } from "./sandbox.js"
import type { SandboxFaults, SandboxOptions } from "./types.js"

const usage =
  "Usage: main.ts [--port P] [--host H] [--scale S] [--seed N] [--api-key K] [--api-key-header NAME] " +
  "[--list-shape pascal|camel|odata] [--instance-type CC|CCE|CCS] [--latency-ms L] [--fault-rate R] [--rate-limit-rps N]"

const numberOption = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined
  const value = Number(text)
  if (text.trim() === "" || !Number.isFinite(value))
    throw new SandboxConfigError(`--${name} must be a number (got "${text}")`)
  return value
}

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      host: { type: "string" },
      scale: { type: "string" },
      seed: { type: "string" },
      "api-key": { type: "string" },
      "api-key-header": { type: "string" },
      "list-shape": { type: "string" },
      "instance-type": { type: "string" },
      "latency-ms": { type: "string" },
      "fault-rate": { type: "string" },
      "rate-limit-rps": { type: "string" },
      help: { type: "boolean" }
    }
  })
  if (values.help === true) {
    console.log(usage)
    return
  }
  const faults: SandboxFaults = {}
  const latencyMs = numberOption("latency-ms", values["latency-ms"])
  const faultRate = numberOption("fault-rate", values["fault-rate"])
  const rateLimitRps = numberOption("rate-limit-rps", values["rate-limit-rps"])
  if (latencyMs !== undefined) faults.latencyMs = latencyMs
  if (faultRate !== undefined) faults.faultRate = faultRate
  if (rateLimitRps !== undefined) faults.rateLimitRps = rateLimitRps
  const options: SandboxOptions = { port: numberOption("port", values.port) ?? 4010, faults }
  if (values.host !== undefined) options.host = values.host
  const scale = numberOption("scale", values.scale)
  if (scale !== undefined) options.scale = scale
  const seed = numberOption("seed", values.seed)
  if (seed !== undefined) options.seed = seed
  if (values["api-key"] !== undefined) options.apiKey = values["api-key"]
  if (values["api-key-header"] !== undefined) options.apiKeyHeader = values["api-key-header"]
  if (values["list-shape"] !== undefined) options.listShape = values["list-shape"] as SandboxOptions["listShape"]
  if (values["instance-type"] !== undefined)
    options.instanceType = values["instance-type"] as SandboxOptions["instanceType"]

  const started = performance.now()
  const sandbox = await startSandbox(options)
  const info = sandbox.info()
  console.log(`Clinical Conductor sandbox listening on ${sandbox.url}`)
  console.log(`  API key header: ${sandbox.apiKeyHeader}`)
  console.log(`  API key:        ${sandbox.apiKey}`)
  console.log(
    `  scale ${info.scale}, seed ${info.seed}, ${info.generatedRecords.toLocaleString("en-US")} records, started in ${Math.round(performance.now() - started)} ms`
  )
  console.log(
    `  try: curl -H "${sandbox.apiKeyHeader}: ${sandbox.apiKey}" "${sandbox.url}/api/v1/studies/odata?\\$top=2"`
  )
  const shutdown = (signal: string): void => {
    console.log(`${signal}: stopping the sandbox`)
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once("SIGINT", () => shutdown("SIGINT"))
  process.once("SIGTERM", () => shutdown("SIGTERM"))
}

main().catch((error: unknown) => {
  if (error instanceof SandboxConfigError || (error instanceof TypeError && "code" in error)) {
    console.error(`${error.message}\n${usage}`)
    process.exit(2)
  }
  console.error(error)
  process.exit(1)
})
