/**
 * `trialsync instances (list [--json] | add NAME --base-url URL [--key-ref env:VAR] [--key-header H]
 * [--rate-limit-rps N] [--description D] | remove NAME)`: the CC instances of the warehouse, rows
 * of `dw_api_credentials`. A row holds where the key lives (`env:VAR`), never the key.
 */
import { Args, Command, Options } from "@effect/cli"
import { addInstance, listInstances, removeInstance, type SourceInstanceRow } from "@trialsync/warehouse"
import { Effect, Option } from "effect"
import { UsageError } from "../cli/errors.js"
import { numberFlag } from "../cli/flags.js"
import { usageFor } from "../cli/usage.js"
import { loadCliConfig } from "../context/config.js"
import { instanceCall } from "../context/instance-config.js"
import { acquireMigratedWarehouse } from "../context/warehouse.js"
import { apiKeyReference } from "../engine.js"
import { printLines } from "../output/cli-output.js"
import { formatTable } from "../output/table.js"

const nameArg = Args.text({ name: "NAME" }).pipe(
  Args.withDescription("The instance's name (runs pick it by --instance).")
)

/** Opens the migrated warehouse for the command's scope. */
const migratedWarehouse = Effect.flatMap(loadCliConfig([]), acquireMigratedWarehouse)

/** Bad input is a usage error (exit 2) that names the field; anything else a failed command. */
const repositoryCall = <A>(what: string, run: () => Promise<A>) => instanceCall(what, run, usageFor("instances"))

const describeInstance = (instance: SourceInstanceRow): string =>
  `${instance.name} (id ${instance.id}): ${instance.baseUrl}, key header ${instance.apiKeyHeader}, key from ${instance.apiKeyRef}` +
  (instance.rateLimitRps === undefined ? "" : `, at most ${instance.rateLimitRps} requests/s`)

const listCommand = Command.make(
  "list",
  { json: Options.boolean("json").pipe(Options.withDescription("Print JSON instead of a table.")) },
  ({ json }) =>
    Effect.scoped(
      Effect.gen(function* () {
        const warehouse = yield* migratedWarehouse
        const instances = yield* repositoryCall("Reading dw_api_credentials failed", () => listInstances(warehouse))
        if (json) return yield* printLines(JSON.stringify(instances, null, 2))
        if (instances.length === 0) {
          return yield* printLines(
            "No CC instance registered: add one with `trialsync instances add NAME --base-url URL`."
          )
        }
        yield* printLines(
          ...formatTable(instances, [
            { header: "id", value: (row) => row.id, alignRight: true },
            { header: "name", value: (row) => row.name },
            { header: "active", value: (row) => (row.isActive ? "yes" : "no") },
            { header: "base URL", value: (row) => row.baseUrl, maxWidth: 48 },
            { header: "key from", value: (row) => row.apiKeyRef },
            { header: "header", value: (row) => row.apiKeyHeader },
            { header: "req/s", value: (row) => row.rateLimitRps ?? "default", alignRight: true },
            { header: "CC instance", value: (row) => row.instanceUid ?? "not yet seen" }
          ])
        )
      })
    )
).pipe(Command.withDescription("The registered CC instances."))

const addCommand = Command.make(
  "add",
  {
    name: nameArg,
    baseUrl: Options.text("base-url").pipe(
      Options.withPseudoName("URL"),
      Options.withDescription("The CC API root, e.g. https://cc.example.com.")
    ),
    keyRef: Options.text("key-ref").pipe(
      Options.withPseudoName("env:VAR"),
      Options.withDefault(apiKeyReference),
      Options.withDescription("Where the key lives: an environment variable, as env:VAR (never the key itself).")
    ),
    keyHeader: Options.text("key-header").pipe(
      Options.withPseudoName("H"),
      Options.optional,
      Options.withDescription("The header the key goes in (default CCAPIKey).")
    ),
    rateLimitRps: numberFlag("rate-limit-rps", { min: 0.1, max: 1000, integer: false }).pipe(
      Options.optional,
      Options.withDescription("The most requests per second this instance may receive.")
    ),
    description: Options.text("description").pipe(Options.optional, Options.withDescription("A note for operators."))
  },
  (input) =>
    Effect.scoped(
      Effect.gen(function* () {
        const warehouse = yield* migratedWarehouse
        const added = yield* repositoryCall("Adding the instance failed", () =>
          addInstance(warehouse, {
            name: input.name,
            baseUrl: input.baseUrl,
            apiKeyRef: input.keyRef,
            apiKeyHeader: Option.getOrUndefined(input.keyHeader),
            rateLimitRps: Option.getOrUndefined(input.rateLimitRps),
            description: Option.getOrUndefined(input.description)
          })
        )
        yield* printLines(`Added CC instance ${describeInstance(added)}.`)
      })
    )
).pipe(Command.withDescription("Register a CC instance (a name already taken is refused, never overwritten)."))

const removeCommand = Command.make("remove", { name: nameArg }, ({ name }) =>
  Effect.scoped(
    Effect.gen(function* () {
      const warehouse = yield* migratedWarehouse
      const outcome = yield* repositoryCall("Removing the instance failed", () => removeInstance(warehouse, name))
      yield* printLines(
        outcome === "deleted"
          ? `Removed CC instance ${name}.`
          : `CC instance ${name} has runs in the warehouse: deactivated instead of removed (its history stays; runs no longer pick it).`
      )
    })
  )
).pipe(Command.withDescription("Remove a CC instance (one with runs is deactivated instead)."))

export const instancesCommand = Command.make("instances", {}, () =>
  Effect.fail(
    new UsageError({ message: "instances needs a subcommand: list, add or remove.", usage: usageFor("instances") })
  )
).pipe(
  Command.withDescription("The CC instances this warehouse loads from."),
  Command.withSubcommands([listCommand, addCommand, removeCommand])
)
