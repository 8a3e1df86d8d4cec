/**
 * Numeric flags whose errors name the flag and the accepted range (@effect/cli's own integer
 * option only says "'x' is not a integer").
 */
import { HelpDoc, Options, ValidationError } from "@effect/cli"
import { Effect } from "effect"

export interface NumberFlagRange {
  readonly min: number
  readonly max: number
  /** Whole numbers only (default). */
  readonly integer?: boolean
  /** Shown in the help: `--port N`. */
  readonly pseudoName?: string
}

const parseNumber = (name: string, range: NumberFlagRange, text: string) => {
  const value = Number(text.trim())
  const shape = range.integer === false ? /^-?\d+(\.\d+)?$/ : /^-?\d+$/
  if (shape.test(text.trim()) && value >= range.min && value <= range.max) return Effect.succeed(value)
  const kind = range.integer === false ? "a number" : "a whole number"
  return Effect.fail(
    ValidationError.invalidValue(
      HelpDoc.p(`--${name} must be ${kind} from ${range.min} to ${range.max} (got ${JSON.stringify(text)}).`)
    )
  )
}

/** A `--name N` option parsed and range-checked. */
export const numberFlag = (name: string, range: NumberFlagRange): Options.Options<number> =>
  Options.text(name).pipe(
    Options.withPseudoName(range.pseudoName ?? "N"),
    Options.mapEffect((text) => parseNumber(name, range, text))
  )

/** A `--name N` option that may be repeated (`--job-id 2 --job-id 3`); empty when absent. */
export const repeatedNumberFlag = (name: string, range: NumberFlagRange): Options.Options<ReadonlyArray<number>> =>
  Options.text(name).pipe(
    Options.withPseudoName(range.pseudoName ?? "N"),
    Options.repeated,
    Options.mapEffect((texts) => Effect.forEach(texts, (text) => parseNumber(name, range, text)))
  )
