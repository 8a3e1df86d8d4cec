/**
 * `trialsync sandbox`: a stand-in Clinical Conductor server on this machine, until stopped.
 */
import { Command, Options } from "@effect/cli"
import { type Sandbox, type SandboxOptions, startSandbox } from "@trialsync/cc-sandbox"
import { Effect, Option } from "effect"
import { UsageError } from "../cli/errors.js"
import { numberFlag } from "../cli/flags.js"
import { Signals } from "../cli/signals.js"
import { usageFor } from "../cli/usage.js"
import { printLines } from "../output/cli-output.js"
import { formatCount } from "../output/format.js"

const usage = usageFor("sandbox")

export const sandboxFlags = {
  port: numberFlag("port", { min: 0, max: 65_535, pseudoName: "P" }).pipe(
    Options.withDefault(4010),
    Options.withDescription("Port to listen on (0 = any free port).")
  ),
  scale: numberFlag("scale", { min: 0.0001, max: 10, integer: false, pseudoName: "S" }).pipe(
    Options.withDefault(0.01),
    Options.withDescription("Data volume: 1 = production (~5.8M records), 0.01 = ~58k.")
  ),
  seed: numberFlag("seed", { min: 0, max: 2 ** 31 - 1 }).pipe(
    Options.withDefault(42),
    Options.withDescription("Same seed, same data.")
  ),
  latencyMs: numberFlag("latency-ms", { min: 0, max: 600_000, pseudoName: "L" }).pipe(
    Options.optional,
    Options.withDescription("Delay every answer by this many milliseconds.")
  ),
  faultRate: numberFlag("fault-rate", { min: 0, max: 1, integer: false, pseudoName: "R" }).pipe(
    Options.optional,
    Options.withDescription("Share of requests (0..1) answered with 429/5xx or a reset connection.")
  ),
  rateLimitRps: numberFlag("rate-limit-rps", { min: 0.001, max: 1_000_000, integer: false }).pipe(
    Options.optional,
    Options.withDescription("Answer 429 above this many requests per second per key.")
  ),
  shape: Options.choice("shape", ["pascal", "camel", "odata"]).pipe(
    Options.optional,
    Options.withDescription(
      "List page shape: {Items,NextPageLink,Count} (default), camelCase, or OData value/nextLink."
    )
  ),
  instanceType: Options.choice("instance-type", ["CC", "CCE", "CCS"]).pipe(
    Options.optional,
    Options.withDescription("Edition to imitate: CCE-only endpoints answer 501 on CC.")
  )
} as const

export interface SandboxFlags {
  readonly port: number
  readonly scale: number
  readonly seed: number
  readonly latencyMs: Option.Option<number>
  readonly faultRate: Option.Option<number>
  readonly rateLimitRps: Option.Option<number>
  readonly shape: Option.Option<"pascal" | "camel" | "odata">
  readonly instanceType: Option.Option<"CC" | "CCE" | "CCS">
}

/** The `startSandbox` options for the flags. */
export const sandboxOptionsFromFlags = (flags: SandboxFlags): SandboxOptions => ({
  port: flags.port,
  scale: flags.scale,
  seed: flags.seed,
  ...Option.match(flags.shape, { onNone: () => ({}), onSome: (listShape) => ({ listShape }) }),
  ...Option.match(flags.instanceType, { onNone: () => ({}), onSome: (instanceType) => ({ instanceType }) }),
  faults: {
    ...Option.match(flags.latencyMs, { onNone: () => ({}), onSome: (latencyMs) => ({ latencyMs }) }),
    ...Option.match(flags.faultRate, { onNone: () => ({}), onSome: (faultRate) => ({ faultRate }) }),
    ...Option.match(flags.rateLimitRps, { onNone: () => ({}), onSome: (rateLimitRps) => ({ rateLimitRps }) })
  }
})

/** The sandbox's field names in its messages, and the flags that set them. */
const flagForField: ReadonlyArray<readonly [string, string]> = [
  ["faults.latencyMs", "--latency-ms"],
  ["faults.faultRate", "--fault-rate"],
  ["faults.rateLimitRps", "--rate-limit-rps"],
  ["listShape", "--shape"],
  ["instanceType", "--instance-type"],
  ["port", "--port"],
  ["scale", "--scale"],
  ["seed", "--seed"]
]

/** Starts a sandbox, turning bad flags and a busy port into usage errors that name the flag. */
export const startSandboxForFlags = (options: SandboxOptions): Effect.Effect<Sandbox, UsageError> =>
  Effect.tryPromise({
    try: () => startSandbox(options),
    catch: (cause) => {
      const message = cause instanceof Error ? cause.message : String(cause)
      if ((cause as NodeJS.ErrnoException).code === "EADDRINUSE")
        return new UsageError({
          message: `--port ${options.port} is in use: pass another port, or --port 0 for any free port.`,
          usage
        })
      const mapped = flagForField.find(([field]) => message.startsWith(field))
      return new UsageError({
        message:
          mapped === undefined
            ? `Cannot start the sandbox: ${message}`
            : `${mapped[1]}${message.slice(mapped[0].length)}`,
        usage
      })
    }
  })

/** Stops a sandbox when the scope closes. */
export const acquireSandbox = (options: SandboxOptions) =>
  Effect.acquireRelease(startSandboxForFlags(options), (sandbox) =>
    Effect.promise(() => sandbox.stop()).pipe(Effect.ignore)
  )

export const sandboxCommand = Command.make("sandbox", sandboxFlags, (flags) =>
  Effect.scoped(
    Effect.gen(function* () {
      const started = performance.now()
      const sandbox = yield* acquireSandbox(sandboxOptionsFromFlags(flags))
      const info = sandbox.info()
      const startedMs = Math.round(performance.now() - started)
      yield* printLines(
        `Clinical Conductor sandbox listening on ${sandbox.url}`,
        `  scale ${info.scale}, seed ${info.seed}: ${formatCount(info.generatedRecords)} records, started in ${startedMs} ms`,
        `  API key header: ${sandbox.apiKeyHeader}`,
        `  API key:        ${sandbox.apiKey}  (the sandbox's own throwaway key, derived from the seed: fine to print)`,
        "",
        "Point trialsync at it (paste into another shell, or put the two settings into .env):",
        `  export CC_API_BASE_URL=${sandbox.url} CC_API_KEY=${sandbox.apiKey}`,
        "  pnpm trialsync migrate && pnpm trialsync run --all",
        `Or try it: curl -H "${sandbox.apiKeyHeader}: ${sandbox.apiKey}" "${sandbox.url}/api/v1/studies/odata?\\$top=2"`,
        "",
        "Running until Ctrl-C (SIGINT) or SIGTERM."
      )
      const signals = yield* Signals
      const signal = yield* signals.awaitSignal
      yield* printLines(`${signal}: stopping the sandbox.`)
    })
  )
).pipe(Command.withDescription("Serve a stand-in Clinical Conductor API with synthetic data until stopped."))
