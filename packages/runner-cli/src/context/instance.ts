/**
 * The `dw_api_credentials` row of the configured CC instance: its base URL and where its key
 * lives (`env:CC_API_KEY`), never the key itself.
 */
import type { Warehouse } from "@trialsync/warehouse"
import type { EngineConfig } from "../engine.js"

/** The instance name runs are recorded under when none is given. */
export const defaultInstanceName = "default"

/** Where the engine finds the key at run time: the environment variable, by name. */
export const apiKeyReference = "env:CC_API_KEY"

export interface RegisteredInstance {
  readonly id: number
  readonly instanceName: string
  readonly baseUrl: string
  readonly apiKeyHeader: string
  readonly apiKeyRef: string
}

/** Inserts or updates the instance row; returns it as stored. */
export const registerInstance = async (
  warehouse: Pick<Warehouse, "query">,
  config: EngineConfig,
  instanceName: string = defaultInstanceName
): Promise<RegisteredInstance> => {
  const [row] = await warehouse.query<{
    id: number
    instance_name: string
    base_url: string
    api_key_header: string
    api_key: string
  }>(
    `INSERT INTO dw_api_credentials (instance_name, base_url, api_key_header, api_key)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (instance_name) DO UPDATE
       SET base_url = EXCLUDED.base_url, api_key_header = EXCLUDED.api_key_header,
           api_key = EXCLUDED.api_key, is_active = true, updated_at = now()
       WHERE (dw_api_credentials.base_url, dw_api_credentials.api_key_header, dw_api_credentials.api_key, dw_api_credentials.is_active)
             IS DISTINCT FROM (EXCLUDED.base_url, EXCLUDED.api_key_header, EXCLUDED.api_key, true)
     RETURNING id, instance_name, base_url, api_key_header, api_key`,
    [instanceName, config.cc.baseUrl, config.cc.apiKeyHeader, apiKeyReference]
  )
  if (row !== undefined) return toInstance(row)
  // Unchanged rows are not rewritten (no RETURNING row): read it back.
  const [existing] = await warehouse.query<{
    id: number
    instance_name: string
    base_url: string
    api_key_header: string
    api_key: string
  }>("SELECT id, instance_name, base_url, api_key_header, api_key FROM dw_api_credentials WHERE instance_name = $1", [
    instanceName
  ])
  if (existing === undefined) throw new Error(`dw_api_credentials has no row ${instanceName} after the upsert`)
  return toInstance(existing)
}

const toInstance = (row: {
  id: number
  instance_name: string
  base_url: string
  api_key_header: string
  api_key: string
}): RegisteredInstance => ({
  id: Number(row.id),
  instanceName: row.instance_name,
  baseUrl: row.base_url,
  apiKeyHeader: row.api_key_header,
  apiKeyRef: row.api_key
})
