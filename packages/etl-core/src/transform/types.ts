/**
 * The public shapes of a Bronze -> Silver -> Gold transformation.
 */

import type { QualityConfig, QualitySeverity } from "../quality/config.js"

export type TransformMode = "incremental" | "full"

export interface TransformOptions {
  /**
   * `incremental` (default): read only the staging rows changed since the last committed
   * transformation. `full`: read every staging row and rebuild every fact (Type-2 history is
   * kept: Bronze holds only the latest state, so history cannot be rebuilt from it).
   */
  readonly mode?: TransformMode
  /** The transformation's clock: `etl_load_date` and the study-performance snapshot date (UTC). */
  readonly now?: Date
  /** Thresholds and severities of the data-quality checks (defaults: `defaultQualityConfig`). */
  readonly quality?: Partial<QualityConfig>
}

export interface TransformLayerStat {
  readonly layer: "silver" | "gold"
  readonly table: string
  readonly rowsWritten: number
  readonly ms: number
}

export interface QualityCheckResult {
  readonly check: string
  readonly table: string
  /** `blocking`: a failure keeps the previous Gold and fails the run; `warning`: reported only. */
  readonly severity: QualitySeverity
  readonly passed: boolean
  readonly failedCount: number
  /** Up to ten keys of failing rows (`<instance>:<business key>`, or the staging record key). */
  readonly sampleKeys: ReadonlyArray<string>
}

export interface TransformReport {
  /** `dw_transformation_runs.id`. */
  readonly transformationRunId: number
  /** The mode that ran: an incremental request runs in full when there is nothing to continue from. */
  readonly mode: TransformMode
  /**
   * `failed` when a blocking data-quality check failed (Silver is committed, Gold was not
   * refreshed; the checks name what is wrong). Failed warnings leave it `success`.
   */
  readonly status: "success" | "failed"
  readonly durationMs: number
  readonly layers: ReadonlyArray<TransformLayerStat>
  readonly quality: ReadonlyArray<QualityCheckResult>
  /** Whether `mv_study_performance_metrics` was refreshed, and why (not). */
  readonly gold: GoldOutcome
}

export interface GoldOutcome {
  readonly refreshed: boolean
  /**
   * `Gold refreshed`, `Gold not refreshed: Silver did not change`, or
   * `Gold not refreshed: blocking check X failed (table: N rows, e.g. key)`.
   */
  readonly message: string
}
