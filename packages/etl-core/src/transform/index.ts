export { goldSummary, runTransform, silverGoldCounts } from "./effect.js"
export { TransformError } from "./errors.js"
export { countSilverGold, type GoldSummary, goldViews, readGoldSummary, type TableCount } from "./summary.js"
export { transform } from "./transform.js"
export type {
  GoldOutcome,
  QualityCheckResult,
  TransformLayerStat,
  TransformMode,
  TransformOptions,
  TransformReport
} from "./types.js"
export { transformVersion } from "./watermark.js"
