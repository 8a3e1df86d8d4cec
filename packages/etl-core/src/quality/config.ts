/**
 * Severity and thresholds of the data-quality checks. A `blocking` check that fails keeps the
 * previous Gold (`mv_study_performance_metrics` is not refreshed) and fails the transformation;
 * a `warning` is reported and stored, and Gold is published anyway.
 */
import { Data } from "effect"

export type QualitySeverity = "blocking" | "warning"

export const qualityCheckNames = [
  "duplicate_current_business_keys",
  "orphan_fact_keys",
  "facts_with_missing_dates",
  "impossible_measures",
  "staging_rows_without_keys",
  "referential_integrity",
  "dates_in_future",
  "stale_staging_tables",
  "row_count_drop"
] as const

export type QualityCheckName = (typeof qualityCheckNames)[number]

/**
 * Blocking: Gold built on such rows would be wrong (double counts, facts of nothing, impossible
 * numbers, a snapshot that lost a large part of a table). Warning: the data is consistent but
 * suspicious or old (a source date in the future, a table not loaded for a while).
 */
export const defaultSeverity: Readonly<Record<QualityCheckName, QualitySeverity>> = {
  duplicate_current_business_keys: "blocking",
  orphan_fact_keys: "blocking",
  facts_with_missing_dates: "blocking",
  impossible_measures: "blocking",
  staging_rows_without_keys: "blocking",
  referential_integrity: "blocking",
  dates_in_future: "warning",
  stale_staging_tables: "warning",
  row_count_drop: "blocking"
}

export interface QualityConfig {
  /** A staging table whose last load is older than this is stale (default 48 hours). */
  readonly freshnessMaxAgeHours: number
  /** Per-table overrides of `freshnessMaxAgeHours` (e.g. `{ dim_studies_staging: 24 }`). */
  readonly freshnessMaxAgeHoursByTable: Readonly<Record<string, number>>
  /** Live rows of a staging table falling by more than this share of the last run's count (default 20). */
  readonly rowCountDropPercent: number
  /** Drops are judged only when the last run counted at least this many rows (default 50). */
  readonly rowCountDropMinRows: number
  /** Source event dates later than the transformation's clock plus this are suspect (default 24). */
  readonly futureToleranceHours: number
  /** Overrides of {@link defaultSeverity}. */
  readonly severity: Readonly<Partial<Record<QualityCheckName, QualitySeverity>>>
}

export const defaultQualityConfig: QualityConfig = {
  freshnessMaxAgeHours: 48,
  freshnessMaxAgeHoursByTable: {},
  rowCountDropPercent: 20,
  rowCountDropMinRows: 50,
  futureToleranceHours: 24,
  severity: {}
}

/** A quality threshold or severity that cannot be used. */
export class QualityConfigError extends Data.TaggedError("QualityConfigError")<{
  readonly message: string
  readonly setting: string
}> {}

const nonNegative = (setting: string, value: number, max = Number.MAX_SAFE_INTEGER): number => {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > max) {
    throw new QualityConfigError({
      setting,
      message: `Quality setting ${setting} must be a number from 0${max === 100 ? " to 100" : " up"}, got ${JSON.stringify(value)}.`
    })
  }
  return value
}

/** Defaults completed with `partial`, every value checked (throws {@link QualityConfigError}). */
export const resolveQualityConfig = (partial: Partial<QualityConfig> = {}): QualityConfig => {
  const config = { ...defaultQualityConfig, ...partial }
  nonNegative("freshnessMaxAgeHours", config.freshnessMaxAgeHours)
  for (const [table, hours] of Object.entries(config.freshnessMaxAgeHoursByTable)) {
    nonNegative(`freshnessMaxAgeHoursByTable.${table}`, hours)
  }
  nonNegative("rowCountDropPercent", config.rowCountDropPercent, 100)
  nonNegative("rowCountDropMinRows", config.rowCountDropMinRows)
  nonNegative("futureToleranceHours", config.futureToleranceHours)
  for (const [name, severity] of Object.entries(config.severity)) {
    if (!(qualityCheckNames as ReadonlyArray<string>).includes(name)) {
      throw new QualityConfigError({
        setting: `severity.${name}`,
        message: `Unknown quality check ${JSON.stringify(name)}: use one of ${qualityCheckNames.join(", ")}.`
      })
    }
    if (severity !== "blocking" && severity !== "warning") {
      throw new QualityConfigError({
        setting: `severity.${name}`,
        message: `Severity of ${name} must be "blocking" or "warning", got ${JSON.stringify(severity)}.`
      })
    }
  }
  return config
}

export const severityOf = (config: QualityConfig, name: QualityCheckName): QualitySeverity =>
  config.severity[name] ?? defaultSeverity[name]

const numberFrom = (env: Readonly<Record<string, string | undefined>>, name: string): number | undefined => {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === "") return undefined
  const value = Number(raw)
  if (!Number.isFinite(value)) {
    throw new QualityConfigError({ setting: name, message: `${name} must be a number, got ${JSON.stringify(raw)}.` })
  }
  return value
}

/**
 * The configuration from the environment: `ETL_QUALITY_FRESHNESS_HOURS`,
 * `ETL_QUALITY_FRESHNESS_HOURS_<TABLE>` (e.g. `ETL_QUALITY_FRESHNESS_HOURS_DIM_STUDIES_STAGING=24`),
 * `ETL_QUALITY_ROW_DROP_PERCENT`, `ETL_QUALITY_ROW_DROP_MIN_ROWS`, `ETL_QUALITY_FUTURE_TOLERANCE_HOURS`,
 * and `ETL_QUALITY_WARN_ONLY` / `ETL_QUALITY_BLOCKING` (comma-separated check names).
 *
 * @example
 * ```ts
 * const report = await transform(warehouse, { quality: qualityConfigFromEnv(process.env) })
 * ```
 */
export const qualityConfigFromEnv = (env: Readonly<Record<string, string | undefined>>): QualityConfig => {
  const byTable: Record<string, number> = {}
  const prefix = "ETL_QUALITY_FRESHNESS_HOURS_"
  for (const name of Object.keys(env)) {
    if (!name.startsWith(prefix)) continue
    const value = numberFrom(env, name)
    if (value !== undefined) byTable[name.slice(prefix.length).toLowerCase()] = value
  }
  const severity: Partial<Record<QualityCheckName, QualitySeverity>> = {}
  const list = (name: string) =>
    (env[name] ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "")
  for (const name of list("ETL_QUALITY_WARN_ONLY")) severity[name as QualityCheckName] = "warning"
  for (const name of list("ETL_QUALITY_BLOCKING")) severity[name as QualityCheckName] = "blocking"
  const optional = (key: keyof QualityConfig, name: string) => {
    const value = numberFrom(env, name)
    return value === undefined ? {} : { [key]: value }
  }
  return resolveQualityConfig({
    ...optional("freshnessMaxAgeHours", "ETL_QUALITY_FRESHNESS_HOURS"),
    ...optional("rowCountDropPercent", "ETL_QUALITY_ROW_DROP_PERCENT"),
    ...optional("rowCountDropMinRows", "ETL_QUALITY_ROW_DROP_MIN_ROWS"),
    ...optional("futureToleranceHours", "ETL_QUALITY_FUTURE_TOLERANCE_HOURS"),
    freshnessMaxAgeHoursByTable: byTable,
    severity
  })
}
