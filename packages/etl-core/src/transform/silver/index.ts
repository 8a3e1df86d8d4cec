/**
 * Bronze -> Silver: the dimensions (Type-1 references first, then Type-2), then the facts, each
 * fact reading the dimension versions and facts merged before it.
 */
import type { StepContext } from "../context.js"
import { timedStep } from "../context.js"
import { mergeFact } from "../merge/fact.js"
import { mergeScd2Dimension } from "../merge/scd2.js"
import { mergeType1Dimension } from "../merge/type1.js"
import { dimensions } from "./dimensions.js"
import { facts } from "./facts/index.js"

/** Every Silver table the transformation writes (locked while it runs). */
export const silverTables: ReadonlyArray<string> = [
  ...dimensions.map((dimension) => dimension.table),
  ...facts.map((fact) => fact.table)
]

/** Merges every Silver table; `onStep` names the table being written (for error messages). */
export const transformSilver = async (ctx: StepContext, onStep: (table: string) => void): Promise<number> => {
  let written = 0
  for (const dimension of dimensions) {
    onStep(dimension.table)
    written += await timedStep(ctx, "silver", dimension.table, () =>
      dimension.kind === "scd2" ? mergeScd2Dimension(ctx, dimension) : mergeType1Dimension(ctx, dimension)
    )
  }
  for (const fact of facts) {
    onStep(fact.table)
    written += await timedStep(ctx, "silver", fact.table, () => mergeFact(ctx, fact))
  }
  return written
}
