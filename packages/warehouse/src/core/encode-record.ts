/**
 * One record in the form Bronze stores it: its key and JSON text made storable (NUL and lone
 * surrogates escaped, see `stored-text.ts`) and its content hash. Writers outside the loader (the
 * engine's fan-out batches) encode through here so their rows equal the loader's.
 */

import type { StagingTableDef } from "../staging/definition.js"
import { recordKey } from "../staging/record-key.js"
import { contentHash } from "./content-hash.js"
import { encodeStoredText, storableJson } from "./stored-text.js"

/** A record ready for a staging table: stored key, stored JSON text, content hash. */
export interface EncodedStagingRecord {
  readonly key: string
  readonly hash: string
  readonly json: string
}

/**
 * Encodes one record for `def`; returns the reason instead when it has no key or is not JSON.
 *
 * @example
 * ```ts
 * const encoded = encodeStagingRecord(getStagingTable("dim_sites_staging"), { id: 1, name: "a\u0000b" })
 * if (!("invalid" in encoded)) console.log(encoded.key, encoded.hash)
 * ```
 */
export const encodeStagingRecord = (
  def: StagingTableDef,
  record: unknown
): EncodedStagingRecord | { readonly invalid: string } => {
  const key = recordKey(def.key, record)
  if ("missing" in key) return { invalid: `no key for ${def.name}: ${key.missing}` }
  const text = JSON.stringify(record)
  if (text === undefined) return { invalid: "not a JSON value" }
  const json = storableJson(text)
  return { key: encodeStoredText(key.key), hash: contentHash(json), json }
}
