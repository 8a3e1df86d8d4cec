import type { AddressInfo } from "node:net"
import { resolveOptions, SandboxConfigError, validateFaults, validateScriptedFaults } from "./config.js"
import { mutateStore } from "./data/mutate.js"
import { Store } from "./data/store.js"
import type { SandboxControls } from "./http/admin.js"
import { Api } from "./http/api.js"
import { listCounts } from "./http/counts.js"
import { FaultController } from "./http/faults.js"
import { createSandboxServer } from "./http/server.js"
import { RequestStats } from "./http/stats.js"
import { entityModels } from "./render/models/index.js"
import { Renderer } from "./render/renderer.js"
import { iso } from "./render/values.js"
import type { MutateOptions, Sandbox, SandboxOptions } from "./types.js"

/**
 * Starts a stand-in Clinical Conductor server on a local port and resolves once it listens.
 * Data is generated lazily from (seed, scale), so even `scale: 1` (~5.8M records) starts in seconds.
 *
 * @example
 * ```ts
 * import { startSandbox } from "@trialsync/cc-sandbox"
 *
 * const sandbox = await startSandbox({ scale: 0.01, seed: 7 })
 * const response = await fetch(`${sandbox.url}/api/v1/studies/odata?$top=5`, {
 *   headers: { [sandbox.apiKeyHeader]: sandbox.apiKey }
 * })
 * console.log(await response.json()) // five StudyViewModel records
 * sandbox.mutate({ fraction: 0.05 })  // one hour later, 5% of the records changed
 * await sandbox.stop()
 * ```
 */
export const startSandbox = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  const resolved = resolveOptions(options)
  const store = new Store(resolved.seed, resolved.scale)
  const renderer = new Renderer(store, entityModels)
  const api = new Api(store, renderer, resolved.instanceType, resolved.listShape)
  const faults = new FaultController(resolved.seed, resolved.faults)
  const stats = new RequestStats()

  const controls: SandboxControls = {
    mutate: (mutation: MutateOptions) => mutateStore(store, mutation),
    advanceClock: (ms: number) => {
      if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0) {
        throw new SandboxConfigError(
          `advanceClock: ms must be a number of milliseconds >= 0 (got ${JSON.stringify(ms)})`
        )
      }
      store.clock += ms
    },
    setFaults: (next) => faults.set(validateFaults(next)),
    enqueueFaults: (next) => faults.enqueue(validateScriptedFaults(next)),
    counts: () => listCounts(store),
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    info: () => ({
      seed: resolved.seed,
      scale: resolved.scale,
      instanceType: resolved.instanceType,
      listShape: resolved.listShape,
      clock: iso(store.clock),
      mutations: store.epoch,
      generatedRecords: store.world.totalRecords,
      queuedFaults: faults.queued,
      faults: faults.current
    })
  }

  const server = createSandboxServer({
    api,
    faults,
    stats,
    controls,
    apiKey: resolved.apiKey,
    apiKeyHeader: resolved.apiKeyHeader
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(resolved.port, resolved.host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address
  let stopped: Promise<void> | undefined

  return {
    url: `http://${host}:${address.port}`,
    apiKey: resolved.apiKey,
    apiKeyHeader: resolved.apiKeyHeader,
    stop: () => {
      stopped ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)))
        server.closeAllConnections()
      })
      return stopped
    },
    ...controls
  }
}
