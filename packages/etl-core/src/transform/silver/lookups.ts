/**
 * How facts find their dimension rows, and where incremental candidates come from.
 *
 * Type-2: the version in effect at the event, i.e. the latest version that started at or before
 * it (one index probe on `(instance, business key, effective_start_date)`). An event after a
 * deletion gets the deleted version; an event without a date gets the latest version.
 */
import { changedKeysTable, changedSince, type StepContext } from "../context.js"
import type { DimensionSpec } from "../merge/dimension-spec.js"
import type { CandidateSource, ChangedKeys } from "../merge/fact.js"
import { integerLiteral, timestampLiteral } from "../sql/literals.js"

type DimensionRef = Pick<DimensionSpec, "table" | "surrogateKey" | "businessKey">

export interface LookupInput {
  readonly alias: string
  readonly instance: string
  readonly id: string
  /** Extra columns of the dimension row to bring along. */
  readonly with?: ReadonlyArray<string>
}

const extraColumns = (columns: ReadonlyArray<string> | undefined): string =>
  columns === undefined || columns.length === 0 ? "" : `, ${columns.map((column) => `d.${column}`).join(", ")}`

/** `LEFT JOIN LATERAL` the Type-2 version of `dimension` in effect at `at`. */
export const versionAt = (dimension: DimensionRef, input: LookupInput & { readonly at: string }): string =>
  `LEFT JOIN LATERAL (
  SELECT d.${dimension.surrogateKey}${extraColumns(input.with)} FROM ${dimension.table} AS d
  WHERE d.source_instance_id = ${input.instance} AND d.${dimension.businessKey} = ${input.id}
    AND d.effective_start_date <= coalesce(${input.at}, 'infinity'::timestamptz)
  ORDER BY d.effective_start_date DESC LIMIT 1
) AS ${input.alias} ON true`

/** `LEFT JOIN` the row of a Type-1 dimension. */
export const type1Row = (dimension: DimensionRef, input: LookupInput): string =>
  `LEFT JOIN ${dimension.table} AS ${input.alias}
  ON ${input.alias}.source_instance_id = ${input.instance} AND ${input.alias}.${dimension.businessKey} = ${input.id}`

/** Scope keys of staging rows changed since the watermark. */
export const changedStagingRows = (ctx: StepContext, staging: string, key: string): CandidateSource => ({
  sql: `SELECT s.source_instance_id, ${key} FROM ${staging} AS s WHERE ${changedSince(ctx, "s")}`
})

/**
 * Scope keys of facts whose `column` names a dimension key that got a new version (or appeared)
 * in this run, and whose event (`at`, SQL over the fact row `f`, as the fact's lookup uses it) is
 * at or after the change: earlier events keep their version. Facts without an event date are
 * always re-derived (their lookup takes the latest version).
 *
 * The changed keys are spelled out as a constant array, which PostgreSQL matches with a hash in
 * one pass over the fact (or an index on the column): joining the fact to the changed-keys table
 * let the planner probe an index on `source_instance_id` alone once per key, re-reading the whole
 * fact each time (measured: 2.9 s for 31 changed elements at scale 0.1). The earliest change of
 * the run stands in for each key's own: a few more facts are re-derived, and come out unchanged.
 */
export const factsReferencing = (
  fact: string,
  scope: string,
  column: string,
  dimension: Pick<DimensionSpec, "table">,
  at?: string
): CandidateSource => ({
  reads: changedKeysTable(dimension.table),
  sql: (changed: ReadonlyArray<ChangedKeys>) =>
    `SELECT f.source_instance_id, f.${scope} FROM ${fact} AS f WHERE ${changed
      .map(
        ({ instance, keys, since }) =>
          `(f.source_instance_id = ${integerLiteral(instance)} AND f.${column} = ANY('{${keys
            .map((key) => integerLiteral(Number(key)))
            .join(
              ","
            )}}'::bigint[])${at === undefined ? "" : ` AND (${at} IS NULL OR ${at} >= ${timestampLiteral(new Date(since))})`})`
      )
      .join(" OR ")}`
})

/** Every key of a changed-keys table (`bk` for dimensions, `k` for facts). */
export const allChanged = (table: string, column: "bk" | "k"): CandidateSource => ({
  sql: `SELECT source_instance_id, ${column} FROM ${changedKeysTable(table)}`,
  reads: changedKeysTable(table)
})
