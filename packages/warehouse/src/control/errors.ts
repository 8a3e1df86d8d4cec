/**
 * Errors of the control-table repositories. Like the core's errors they carry a `_tag`, so Effect
 * callers can `catchTag` them after `Effect.tryPromise`.
 */

/** An instance field that cannot be stored as given. */
export class InstanceConfigError extends Error {
  readonly _tag = "InstanceConfigError" as const
  readonly instance: string
  readonly field: string
  constructor(args: { readonly instance: string; readonly field: string; readonly reason: string }) {
    super(`CC instance ${JSON.stringify(args.instance)}: bad ${args.field}: ${args.reason}.`)
    this.name = "InstanceConfigError"
    this.instance = args.instance
    this.field = args.field
  }
}

/** No instance of that name, or no name given while several (or none) are active. */
export class UnknownInstanceError extends Error {
  readonly _tag = "UnknownInstanceError" as const
  readonly requested: string | undefined
  readonly known: ReadonlyArray<string>
  constructor(args: { readonly name: string | undefined; readonly known: ReadonlyArray<string> }) {
    const list = args.known.length === 0 ? "none is registered" : `active: ${args.known.join(", ")}`
    super(
      args.name !== undefined
        ? `No active CC instance named ${JSON.stringify(args.name)} (${list}); see \`trialsync instances list\`.`
        : args.known.length === 0
          ? "No CC instance is registered: add one with `trialsync instances add NAME --base-url URL --key-ref env:VAR`, or set CC_API_BASE_URL."
          : `Several CC instances are active (${args.known.join(", ")}): choose one with --instance NAME.`
    )
    this.name = "UnknownInstanceError"
    this.requested = args.name
    this.known = args.known
  }
}
