/**
 * Validation rules for single variables. Each reads one variable from the merged environment,
 * returns its value (or the default) and records a problem when the text is wrong. Problems
 * accumulate, so one run reports every mistake of a `.env` at once.
 */
import type { ConfigProblem } from "./errors.js"
import { configVariable } from "./variables.js"

/** RFC 9110 `token`: what a header name may consist of. */
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const WHOLE_NUMBER = /^\d+$/
const DECIMAL_NUMBER = /^\d+(\.\d+)?$/

/** A variable's text as shown in a message: quoted and shortened, never for secrets. */
const shown = (text: string): string => JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text)

const fallbackHint = (name: string): string => {
  const known = configVariable(name)
  const example = `e.g. ${name}=${known.example}`
  return known.defaultValue === undefined
    ? `set it to ${known.meaning}, ${example}`
    : `set it to ${known.meaning}, ${example}, or remove it to use the default (${known.defaultValue})`
}

export interface NumberRule {
  readonly min: number
  readonly max: number
  readonly fallback: number
  /** Whole numbers only. */
  readonly integer: boolean
}

/** Reads variables and collects what is wrong with them. */
export class EnvReader {
  readonly problems: Array<ConfigProblem> = []

  constructor(private readonly env: Readonly<Record<string, string | undefined>>) {}

  /** The trimmed text of a variable; empty counts as unset (`KEY=` in a `.env`). */
  text(name: string): string | undefined {
    const value = this.env[name]?.trim()
    return value === undefined || value === "" ? undefined : value
  }

  /** Whether the variable is present at all, even empty (`KEY=`). */
  isSet(name: string): boolean {
    return this.env[name] !== undefined
  }

  problem(variable: string, message: string): void {
    this.problems.push({ variable, message })
  }

  number(name: string, rule: NumberRule): number {
    const text = this.text(name)
    if (text === undefined) return rule.fallback
    const pattern = rule.integer ? WHOLE_NUMBER : DECIMAL_NUMBER
    const value = Number(text)
    if (pattern.test(text) && value >= rule.min && value <= rule.max) return value
    const kind = rule.integer ? "a whole number" : "a number"
    this.problem(
      name,
      `${name} must be ${kind} from ${rule.min} to ${rule.max} (got ${shown(text)}): ${fallbackHint(name)}.`
    )
    return rule.fallback
  }

  choice<const A extends string>(name: string, choices: ReadonlyArray<A>, fallback: A): A {
    const text = this.text(name)
    if (text === undefined) return fallback
    const value = choices.find((choice) => choice === text.toLowerCase())
    if (value !== undefined) return value
    this.problem(name, `${name} must be one of ${choices.join(", ")} (got ${shown(text)}): ${fallbackHint(name)}.`)
    return fallback
  }

  /** An HTTP header name (a `token`). */
  headerName(name: string, fallback: string): string {
    const text = this.text(name)
    if (text === undefined) return fallback
    if (HTTP_TOKEN.test(text)) return text
    this.problem(
      name,
      `${name} must be an HTTP header name: letters, digits and !#$%&'*+-.^_\`|~, no spaces or colons (got ${shown(text)}): ${fallbackHint(name)}.`
    )
    return fallback
  }

  /** A non-empty relative or absolute path. */
  path(name: string, fallback: string): string {
    const text = this.text(name)
    if (text === undefined) return fallback
    if (!text.includes("\0")) return text
    this.problem(name, `${name} must be a directory path without NUL characters: ${fallbackHint(name)}.`)
    return fallback
  }
}
