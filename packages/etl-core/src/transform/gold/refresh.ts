/**
 * Silver -> Gold, after the data-quality checks. The Gold views read Silver live; the one
 * materialized view, `mv_study_performance_metrics`, is what Gold publishes: it is refreshed
 * CONCURRENTLY (readers keep reading the previous contents meanwhile; its unique index on
 * (source_instance_id, study_id) allows it) when
 *
 * - no blocking check failed (otherwise the previous contents stay, and the report says which
 *   check kept them), and
 * - this transformation changed Silver, runs in full, or an earlier refresh is still owed (a
 *   blocked run left Silver changes unpublished).
 *
 * So an idle incremental transformation writes nothing.
 */

import { countOf, type StepContext, timedStep } from "../context.js"
import type { GoldOutcome, QualityCheckResult } from "../types.js"

export const materializedViews = ["mv_study_performance_metrics"] as const

const describe = (check: QualityCheckResult): string =>
  `blocking check ${check.check} failed (${check.table}: ${check.failedCount} ${check.failedCount === 1 ? "row" : "rows"}${
    check.sampleKeys.length > 0 ? `, e.g. ${check.sampleKeys.slice(0, 3).join(", ")}` : ""
  })`

/** The checks that keep Gold from being published. */
export const blockingFailures = (quality: ReadonlyArray<QualityCheckResult>): ReadonlyArray<QualityCheckResult> =>
  quality.filter((check) => !check.passed && check.severity === "blocking")

export interface GoldDecision extends GoldOutcome {
  /** A refresh was due but blocked: the next transformation refreshes even if Silver is unchanged. */
  readonly pending: boolean
}

export const decideGold = (input: {
  readonly due: boolean
  readonly blocking: ReadonlyArray<QualityCheckResult>
}): GoldDecision => {
  if (input.blocking.length > 0) {
    return {
      refreshed: false,
      pending: input.due,
      message: `Gold not refreshed: ${input.blocking.map(describe).join("; ")}`
    }
  }
  return input.due
    ? { refreshed: true, pending: false, message: "Gold refreshed" }
    : { refreshed: false, pending: false, message: "Gold not refreshed: Silver did not change" }
}

export const refreshGold = async (ctx: StepContext, decision: GoldDecision): Promise<void> => {
  for (const view of materializedViews) {
    await timedStep(ctx, "gold", view, async () => {
      if (!decision.refreshed) return 0
      await ctx.tx.query(`REFRESH MATERIALIZED VIEW CONCURRENTLY ${view}`)
      return countOf(ctx, `SELECT count(*)::int AS n FROM ${view}`)
    })
  }
}
