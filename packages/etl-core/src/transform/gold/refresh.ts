/**
 * Silver -> Gold. The Gold views read Silver live; the one materialized view,
 * `mv_study_performance_metrics`, is refreshed CONCURRENTLY (readers keep reading the previous
 * contents meanwhile; its unique index on (source_instance_id, study_id) allows it), and only when
 * this transformation changed Silver, so an idle transformation writes nothing.
 */
import { countOf, type StepContext, timedStep } from "../context.js"

export const materializedViews = ["mv_study_performance_metrics"] as const

export const refreshGold = async (ctx: StepContext, silverRowsWritten: number): Promise<void> => {
  for (const view of materializedViews) {
    await timedStep(ctx, "gold", view, async () => {
      if (silverRowsWritten === 0) return 0
      await ctx.tx.query(`REFRESH MATERIALIZED VIEW CONCURRENTLY ${view}`)
      return countOf(ctx, `SELECT count(*)::int AS n FROM ${view}`)
    })
  }
}
