import type { Rng } from "../data/random.js"
import { definitions } from "../generated/spec.js"
import type { SchemaDef, TypeCode } from "../spec/types.js"
import { booleanGen, dateGen, integerGen, numberGen, stringGen } from "./values.js"

/** Produces one property value from a record's random stream. */
export type Gen = (rng: Rng) => unknown

/** Nested objects deeper than this are null: the spec's graphs nest deeply (Staff in Role in Assignment...). */
const MAX_DEPTH = 3

export const schemaDef = (name: string): SchemaDef => {
  const def = definitions[name]
  if (def === undefined) throw new Error(`The spec has no schema "${name}"`)
  return def
}

/**
 * Turns spec schemas into value generators: every property of the schema, in the spec's order and
 * casing, with a value guessed from its name and type. `resolveRef` lets the caller answer a nested
 * schema itself (previews of real records: a `StudyPreviewModel` names an existing study).
 */
export class GenericValues {
  private readonly objects = new Map<string, Gen>()

  constructor(private readonly resolveRef: (schema: string) => Gen | undefined) {}

  /** A generator of whole objects of `schema`. */
  object(schema: string, depth = 0): Gen {
    const key = `${schema}@${depth}`
    const cached = this.objects.get(key)
    if (cached !== undefined) return cached
    const def = schemaDef(schema)
    const plan = def.props.map(
      ([name, type]) => [name, this.value(name, type, def.required.includes(name), depth)] as const
    )
    const gen: Gen = (rng) => {
      const out: Record<string, unknown> = {}
      for (const [name, value] of plan) out[name] = value(rng)
      return out
    }
    this.objects.set(key, gen)
    return gen
  }

  /** A generator for one property of type `type`. */
  value(name: string, type: TypeCode, required: boolean, depth: number): Gen {
    const colon = type.indexOf(":")
    const kind = colon < 0 ? type : type.slice(0, colon)
    const detail = colon < 0 ? "" : type.slice(colon + 1)
    switch (kind) {
      case "ref": {
        const resolved = this.resolveRef(detail)
        if (resolved !== undefined) return resolved
        if (depth >= MAX_DEPTH) return () => null
        return this.object(detail, depth + 1)
      }
      case "array": {
        if (depth >= MAX_DEPTH) return () => []
        const item = this.value(name, detail, true, depth + 1)
        return (rng) => {
          const length = rng.int(0, 2)
          const out: Array<unknown> = []
          for (let i = 0; i < length; i++) out.push(item(rng))
          return out
        }
      }
      case "enum": {
        const options = detail.split("|")
        return (rng) => rng.pick(options)
      }
      case "string": {
        if (detail === "uuid") return (rng) => rng.uuid()
        if (detail === "date-time") return dateGen(name)
        const text = stringGen(name)
        if (!required) return text
        const fallback = stringGen("name")
        return (rng) => text(rng) ?? fallback(rng)
      }
      case "integer":
        return integerGen(name)
      case "number":
        return numberGen(name)
      case "boolean":
        return booleanGen(name)
      default:
        return () => null
    }
  }
}
