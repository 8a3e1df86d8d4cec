/**
 * Test support: looks for personal data in every Silver table and Gold view. The forbidden
 * values are the ones actually in Bronze (SSNs, phone numbers, e-mail and street addresses,
 * medical record numbers of patients, and the contact details of sites, sponsors and staff),
 * searched in every text column; patterns catch any other value of those shapes; column names
 * must not announce them either.
 */
import type { Warehouse } from "@trialsync/warehouse"

const personalKey = /ssn|phone|email|address\d*$|^fax$|^mrn$|^zip$/i
const personalColumn = /ssn|phone|e_?mail|address|street|zip|fax|mrn/i
const patterns = {
  phone: "\\(?[0-9]{3}\\)?[ .-][0-9]{3}-[0-9]{4}",
  email: "[^@[:space:]]+@[^@[:space:]]+\\.[a-z]{2,}",
  ssn: "([0-9]{3}|X{3})-([0-9]{2}|X{2})-[0-9]{4}",
  street: "^[0-9]+ [A-Za-z ]+ (St|Ave|Rd|Blvd|Dr|Ln|Way|Ct)$"
}

const sources = [
  "dim_patients_staging",
  "dim_subjects_staging",
  "dim_sites_staging",
  "dim_sponsors_staging",
  "dim_staff_staging",
  "dim_monitors_staging"
]

/** Every string under a personal-looking key (phone objects hold the number in `number`). */
const collect = (value: unknown, into: Set<string>, personal = false): void => {
  if (typeof value === "string") {
    if (personal && value.trim() !== "") into.add(value)
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, into, personal)
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) collect(child, into, personal || personalKey.test(key))
  }
}

export interface PersonalDataScan {
  readonly values: ReadonlyArray<string>
  readonly columnsScanned: number
  readonly violations: ReadonlyArray<{ readonly relation: string; readonly column: string; readonly found: string }>
}

export const findPersonalData = async (warehouse: Warehouse, instance: number): Promise<PersonalDataScan> => {
  const values = new Set<string>()
  for (const table of sources) {
    const records = await warehouse.query<{ data: unknown }>(
      `SELECT data FROM ${table} WHERE source_instance_id = $1`,
      [instance]
    )
    for (const { data } of records) collect(data, values)
  }
  const columns = await warehouse.query<{ relation: string; column: string; type: string }>(
    `SELECT c.relname AS relation, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'v', 'm')
        AND ((c.relname LIKE 'dim\\_%' OR c.relname LIKE 'fact\\_%') AND c.relname NOT LIKE '%\\_staging'
             OR c.relname LIKE 'v\\_%' OR c.relname LIKE 'mv\\_%')
      ORDER BY 1, 2`
  )
  const violations: Array<{ relation: string; column: string; found: string }> = []
  for (const { relation, column } of columns) {
    if (personalColumn.test(column)) violations.push({ relation, column, found: "a personal-data column name" })
  }
  const texts = columns.filter((column) => /^(text|character varying|character)/.test(column.type))
  for (const { relation, column } of texts) {
    const [hit] = await warehouse.query<{ value: string | null; pattern: string | null }>(
      `SELECT x.value, x.pattern FROM (
         SELECT ${column} AS value,
                CASE WHEN ${column} = ANY($1::text[]) THEN 'a Bronze value'
                     ${Object.entries(patterns)
                       .map(([name, pattern]) => `WHEN ${column} ~ '${pattern}' THEN '${name} pattern'`)
                       .join("\n                     ")}
                END AS pattern
         FROM ${relation}) AS x
       WHERE x.pattern IS NOT NULL LIMIT 1`,
      [[...values]]
    )
    if (hit !== undefined) violations.push({ relation, column, found: `${hit.pattern}: ${hit.value}` })
  }
  return { values: [...values], columnsScanned: texts.length, violations }
}
