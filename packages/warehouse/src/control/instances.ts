/**
 * The CC instances a warehouse loads from: rows of `dw_api_credentials`. This module is the one
 * place that reads and writes them (the CLI's `trialsync instances` and the engine's registration
 * both come here). A row never holds a key: `api_key` holds a reference (`env:NAME`), resolved
 * from the environment at run time.
 */
import { InstanceConfigError, UnknownInstanceError } from "./errors.js"
import type { ControlSql } from "./sql.js"

/** One CC instance as stored. */
export interface SourceInstanceRow {
  readonly id: number
  readonly name: string
  readonly baseUrl: string
  /** Where the key lives, e.g. `env:CC_API_KEY`; never a key. */
  readonly apiKeyRef: string
  readonly apiKeyHeader: string
  /** Requests per second this instance may receive; undefined: the configured default. */
  readonly rateLimitRps: number | undefined
  /** The adaptive rate the last run of this instance ended at; undefined: none learned yet. */
  readonly learnedRateRps: number | undefined
  readonly isActive: boolean
  readonly instanceUid: string | undefined
  readonly instanceType: string | undefined
  readonly description: string | undefined
}

/** What `addInstance` needs; the header defaults to `CCAPIKey`. */
export interface NewInstance {
  readonly name: string
  readonly baseUrl: string
  readonly apiKeyRef: string
  readonly apiKeyHeader?: string | undefined
  readonly rateLimitRps?: number | undefined
  readonly description?: string | undefined
}

const columns = `id, instance_name, base_url, api_key, api_key_header, rate_limit_rps, learned_rate_rps, is_active,
  instance_uid, instance_type, description`

interface Row {
  id: number
  instance_name: string
  base_url: string
  api_key: string
  api_key_header: string
  rate_limit_rps: number | null
  learned_rate_rps: number | null
  is_active: boolean
  instance_uid: string | null
  instance_type: string | null
  description: string | null
}

const toInstance = (row: Row): SourceInstanceRow => ({
  id: Number(row.id),
  name: row.instance_name,
  baseUrl: row.base_url,
  apiKeyRef: row.api_key,
  apiKeyHeader: row.api_key_header,
  rateLimitRps: row.rate_limit_rps === null ? undefined : Number(row.rate_limit_rps),
  learnedRateRps: row.learned_rate_rps === null ? undefined : Number(row.learned_rate_rps),
  isActive: row.is_active === true,
  instanceUid: row.instance_uid ?? undefined,
  instanceType: row.instance_type ?? undefined,
  description: row.description ?? undefined
})

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,62}$/
const keyRefPattern = /^env:[A-Z_][A-Z0-9_]*$/
const headerPattern = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/

/** Checks a new instance's fields; throws `InstanceConfigError` naming the field and the fix. */
export const checkNewInstance = (input: NewInstance): void => {
  const fail = (field: string, reason: string) => {
    throw new InstanceConfigError({ instance: input.name, field, reason })
  }
  if (!namePattern.test(input.name)) fail("name", "use 1-63 letters, digits, '.', '_', ':' or '-'")
  let url: URL | undefined
  try {
    url = new URL(input.baseUrl)
  } catch {
    fail("base URL", "it is not a URL; give the API root, e.g. https://cc.example.com")
  }
  if (url !== undefined && url.protocol !== "http:" && url.protocol !== "https:") {
    fail("base URL", "only http and https URLs are supported")
  }
  if (url !== undefined && (url.username !== "" || url.password !== "")) {
    fail("base URL", "it holds credentials; put the key in an environment variable and pass --key-ref env:NAME")
  }
  if (!keyRefPattern.test(input.apiKeyRef)) {
    fail(
      "key reference",
      "it must name an environment variable as env:NAME (upper case), never the key itself, e.g. env:CC_API_KEY_SITE2"
    )
  }
  if (input.apiKeyHeader !== undefined && !headerPattern.test(input.apiKeyHeader)) {
    fail("key header", "it is not a valid HTTP header name")
  }
  if (input.rateLimitRps !== undefined && !(Number.isFinite(input.rateLimitRps) && input.rateLimitRps > 0)) {
    fail("rate ceiling", "give a number of requests per second above 0")
  }
}

/**
 * Every registered instance, by id.
 *
 * @example
 * ```ts
 * for (const instance of await listInstances(warehouse)) console.log(instance.name, instance.baseUrl)
 * ```
 */
export const listInstances = async (db: ControlSql): Promise<ReadonlyArray<SourceInstanceRow>> =>
  (await db.query<Row>(`SELECT ${columns} FROM dw_api_credentials ORDER BY id`)).map(toInstance)

/** The instance named `name`, or undefined. */
export const findInstance = async (db: ControlSql, name: string): Promise<SourceInstanceRow | undefined> => {
  const [row] = await db.query<Row>(`SELECT ${columns} FROM dw_api_credentials WHERE instance_name = $1`, [name])
  return row === undefined ? undefined : toInstance(row)
}

/**
 * Adds an instance. Refuses a name already taken (instances are never overwritten: change one by
 * removing and adding it) and any field that fails `checkNewInstance`.
 *
 * @example
 * ```ts
 * await addInstance(warehouse, { name: "site2", baseUrl: "https://cc2.example.com", apiKeyRef: "env:CC_API_KEY_SITE2" })
 * ```
 */
export const addInstance = async (db: ControlSql, input: NewInstance): Promise<SourceInstanceRow> => {
  checkNewInstance(input)
  const [row] = await db.query<Row>(
    `INSERT INTO dw_api_credentials (instance_name, base_url, api_key, api_key_header, rate_limit_rps, description)
     VALUES ($1, $2, $3, coalesce($4, 'CCAPIKey'), $5, $6)
     ON CONFLICT (instance_name) DO NOTHING
     RETURNING ${columns}`,
    [
      input.name,
      input.baseUrl,
      input.apiKeyRef,
      input.apiKeyHeader ?? null,
      input.rateLimitRps ?? null,
      input.description ?? null
    ]
  )
  if (row === undefined) {
    throw new InstanceConfigError({
      instance: input.name,
      field: "name",
      reason:
        "an instance of that name exists; remove it first (`trialsync instances remove NAME`) or pick another name"
    })
  }
  return toInstance(row)
}

/**
 * Removes an instance. One that runs or staging rows refer to is deactivated instead (its history
 * stays readable, and `run` no longer picks it); returns which of the two happened.
 */
export const removeInstance = async (db: ControlSql, name: string): Promise<"deleted" | "deactivated"> => {
  const instance = await findInstance(db, name)
  if (instance === undefined)
    throw new UnknownInstanceError({ name, known: (await listInstances(db)).map((i) => i.name) })
  const [used] = await db.query<{ used: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM dw_etl_runs WHERE source_instance_id = $1)
         OR EXISTS (SELECT 1 FROM dw_etl_jobs WHERE source_instance_id = $1) AS used`,
    [instance.id]
  )
  if (used?.used === true) {
    await db.query("UPDATE dw_api_credentials SET is_active = false, updated_at = now() WHERE id = $1", [instance.id])
    return "deactivated"
  }
  await db.query("DELETE FROM dw_api_credentials WHERE id = $1", [instance.id])
  return "deleted"
}

/** What a run knows of the instance it reached: its settings and the identity CC reported. */
export interface IdentifiedInstance {
  readonly name: string
  readonly baseUrl: string
  readonly apiKeyHeader: string
  readonly apiKeyRef: string
  readonly instanceUid: string
  readonly instanceType: string | undefined
}

/**
 * Keeps the row of the instance a run reached current, and returns its id: found by the UID CC
 * reported, else the row named `name` is claimed if it has no UID yet, else a new row is added
 * (named `name`, or `name:<uid>` when that name belongs to another instance). So a configuration
 * pointed at a second CC adds a row instead of overwriting the first's settings.
 */
export const registerIdentifiedInstance = async (db: ControlSql, input: IdentifiedInstance): Promise<number> => {
  const values = [input.baseUrl, input.apiKeyHeader, input.apiKeyRef, input.instanceUid, input.instanceType ?? null]
  const update = async (rowId: number) => {
    await db.query(
      `UPDATE dw_api_credentials SET base_url = $2, api_key_header = $3, api_key = $4, instance_uid = $5,
         instance_type = $6, updated_at = now()
       WHERE id = $1 AND (base_url, api_key_header, api_key, instance_uid, instance_type)
         IS DISTINCT FROM ($2, $3, $4, $5, $6)`,
      [rowId, ...values]
    )
    return rowId
  }
  const [byUid] = await db.query<{ id: number }>(
    "SELECT id FROM dw_api_credentials WHERE instance_uid = $1 ORDER BY id LIMIT 1",
    [input.instanceUid]
  )
  if (byUid !== undefined) return update(Number(byUid.id))
  const byName = await findInstance(db, input.name)
  if (byName !== undefined && byName.instanceUid === undefined) return update(byName.id)
  const name = byName === undefined ? input.name : `${input.name}:${input.instanceUid}`
  const [inserted] = await db.query<{ id: number }>(
    `INSERT INTO dw_api_credentials (instance_name, base_url, api_key_header, api_key, instance_uid, instance_type)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (instance_name) DO UPDATE SET updated_at = now() RETURNING id`,
    [name, ...values]
  )
  return Number(inserted?.id)
}

/** The id of the row registered for a CC instance UID, if any (dry runs look it up). */
export const findInstanceIdByUid = async (db: ControlSql, instanceUid: string): Promise<number | undefined> => {
  const [row] = await db.query<{ id: number }>(
    "SELECT id FROM dw_api_credentials WHERE instance_uid = $1 ORDER BY id LIMIT 1",
    [instanceUid]
  )
  return row === undefined ? undefined : Number(row.id)
}

/** Records the identity CC reports for an instance (`GET /api/v1/instance/details`). */
export const recordInstanceIdentity = async (
  db: ControlSql,
  id: number,
  identity: { readonly instanceUid: string; readonly instanceType: string | undefined }
): Promise<void> => {
  await db.query(
    `UPDATE dw_api_credentials SET instance_uid = $2, instance_type = $3, updated_at = now()
     WHERE id = $1 AND (instance_uid, instance_type) IS DISTINCT FROM ($2, $3)`,
    [id, identity.instanceUid, identity.instanceType ?? null]
  )
}

/**
 * The instance a command works on: `name` when given (it must exist and be active), else the only
 * active instance. Throws `UnknownInstanceError` listing the instances otherwise.
 */
export const chooseInstance = async (db: ControlSql, name: string | undefined): Promise<SourceInstanceRow> => {
  const all = await listInstances(db)
  const active = all.filter((instance) => instance.isActive)
  if (name !== undefined) {
    const chosen = active.find((instance) => instance.name === name)
    if (chosen === undefined) throw new UnknownInstanceError({ name, known: active.map((instance) => instance.name) })
    return chosen
  }
  if (active.length === 1) return active[0]!
  throw new UnknownInstanceError({ name: undefined, known: active.map((instance) => instance.name) })
}

/**
 * The key an instance's reference points at, from `env`. Throws `InstanceConfigError` naming the
 * variable (never a value) when it is unset or empty.
 */
export const resolveApiKey = (instance: SourceInstanceRow, env: NodeJS.ProcessEnv = process.env): string => {
  const variable = instance.apiKeyRef.slice("env:".length)
  const value = env[variable]?.trim()
  if (!instance.apiKeyRef.startsWith("env:") || value === undefined || value === "") {
    throw new InstanceConfigError({
      instance: instance.name,
      field: "key reference",
      reason: `${instance.apiKeyRef} names ${variable}, which is not set; export ${variable} (or add it to .env)`
    })
  }
  return value
}

/** The rate an instance's runs learned: requests per second, and when it was recorded. */
export interface LearnedRate {
  readonly requestsPerSecond: number
  readonly recordedAt: Date
  /** The instance's own ceiling (`rate_limit_rps`), which a run starting from the learned rate must keep. */
  readonly rateLimitRps: number | undefined
}

/**
 * The adaptive rate the last run against instance `id` ended at, or undefined (none yet, or no
 * such instance).
 *
 * @example
 * ```ts
 * const learned = await readLearnedRate(warehouse, instanceId) // { requestsPerSecond: 42.5, recordedAt, rateLimitRps }
 * ```
 */
export const readLearnedRate = async (db: ControlSql, id: number): Promise<LearnedRate | undefined> => {
  const [row] = await db.query<{
    learned_rate_rps: number | null
    learned_rate_at: Date | string | null
    rate_limit_rps: number | null
  }>("SELECT learned_rate_rps, learned_rate_at, rate_limit_rps FROM dw_api_credentials WHERE id = $1", [id])
  if (row === undefined || row.learned_rate_rps === null || row.learned_rate_at === null) return undefined
  return {
    requestsPerSecond: Number(row.learned_rate_rps),
    recordedAt: new Date(row.learned_rate_at),
    rateLimitRps: row.rate_limit_rps === null ? undefined : Number(row.rate_limit_rps)
  }
}

/**
 * Records the rate a run of instance `id` ended at (a finite number > 0; anything else is
 * ignored, so an unlimited client never stores one). Returns whether a row was updated.
 */
export const recordLearnedRate = async (db: ControlSql, id: number, requestsPerSecond: number): Promise<boolean> => {
  if (!(Number.isFinite(requestsPerSecond) && requestsPerSecond > 0)) return false
  const rows = await db.query<{ id: number }>(
    `UPDATE dw_api_credentials SET learned_rate_rps = $2, learned_rate_at = now(), updated_at = now()
     WHERE id = $1 RETURNING id`,
    [id, requestsPerSecond]
  )
  return rows.length > 0
}

/** Forgets what runs learned for instance `id` (the next run starts from the configured rate). */
export const clearLearnedRate = async (db: ControlSql, id: number): Promise<void> => {
  await db.query(
    "UPDATE dw_api_credentials SET learned_rate_rps = NULL, learned_rate_at = NULL, updated_at = now() WHERE id = $1",
    [id]
  )
}
