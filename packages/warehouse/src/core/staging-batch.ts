/**
 * One batch of records, encoded as it is filled into a binary COPY payload whose columns are
 * `rowColumns` (the staging table's; the stage table mirrors them). Encoding at once lets each
 * record's JSON text die young: holding a batch's texts until the end made garbage collection a
 * quarter of Node's time on a reload (profiled). Keys repeated inside the batch keep their last
 * record (earlier ones are dropped and counted as duplicates).
 *
 * The content hash is md5 of the JSON text, computed here rather than in SQL: measured on 200k
 * ~550-byte records, PostgreSQL's md5 adds 2.5-3 us per row to the backend (the bottleneck of a
 * first load) while Node's saves only 1.5-2 us, and loads were faster end to end.
 */
import { contentHashOfBytes as md5Hex } from "./content-hash.js"
import { CopyBinaryWriter } from "./copy-binary.js"

/** The per-batch constants written into every row. */
export interface RowConstants {
  readonly instanceId: number
  readonly parentKey: string
  readonly jobId: number
  readonly runId: number
  /** `source_id` is the key itself (key strategy "id"); otherwise NULL. */
  readonly sourceIdIsKey: boolean
}

/** The columns of every encoded row, in order. */
export const rowColumns =
  "data, source_instance_id, source_id, record_key, parent_key, content_hash, etl_job_id, etl_run_id"

export class StagingBatch {
  private readonly writer: CopyBinaryWriter
  private readonly rowOfKey = new Map<string, number>()
  /** Content hash of each row, by row index (dropped rows included). */
  private readonly hashOfRow: string[] = []
  /** Key and input position of each row, by row index (dropped rows included). */
  private readonly keyOfRow: string[] = []
  private readonly positionOfRow: number[] = []
  private payload_: Buffer | undefined
  private received_ = 0

  /** `reuse`: the storage of a batch that is done with (see `storage`). */
  constructor(
    private readonly constants: RowConstants,
    reuse?: Buffer
  ) {
    this.writer = new CopyBinaryWriter(4 << 20, reuse)
  }

  /** The buffer behind the payload; reusable once the batch is applied. */
  get storage(): Buffer {
    return this.writer.storage
  }

  /**
   * Adds a record given its key and its JSON text (both as stored), and its 0-based position in
   * the load's input (to name it in errors).
   */
  add(key: string, json: string, position: number): void {
    const { instanceId, parentKey, jobId, runId, sourceIdIsKey } = this.constants
    const previous = this.rowOfKey.get(key)
    if (previous !== undefined) this.writer.drop(previous)
    const writer = this.writer
    const row = writer.startRow(8)
    const jsonBytes = writer.jsonb(json)
    const hash = md5Hex(jsonBytes)
    writer.int4(instanceId)
    if (sourceIdIsKey) writer.text(key)
    else writer.null()
    writer.text(key)
    writer.text(parentKey)
    writer.text(hash)
    writer.int4(jobId)
    writer.int4(runId)
    this.hashOfRow.push(hash)
    this.keyOfRow.push(key)
    this.positionOfRow.push(position)
    this.rowOfKey.set(key, row)
    this.received_++
  }

  /** Records added, duplicates included. */
  get received(): number {
    return this.received_
  }

  /** Distinct keys (the rows that reach the database). */
  get distinct(): number {
    return this.rowOfKey.size
  }

  get duplicates(): number {
    return this.received_ - this.rowOfKey.size
  }

  /** The stored key and the input position of a row (an index from `keptRows`/`keysAndHashes`). */
  recordOf(row: number): { readonly key: string; readonly position: number } {
    return { key: this.keyOfRow[row]!, position: this.positionOfRow[row]! }
  }

  /** Row indexes of the full payload (`payload()`), in its order: every row not dropped as a duplicate. */
  keptRows(): number[] {
    return [...this.rowOfKey.values()].sort((a, b) => a - b)
  }

  /** The distinct keys. */
  distinctKeys(): string[] {
    return [...this.rowOfKey.keys()]
  }

  /**
   * What the hash-first staged path sends first: the distinct keys and their hashes, each joined
   * by U+001F (one text parameter each: far cheaper to build and parse than a text[]), and the
   * row behind each position. Undefined when a key contains U+001F (it would split wrongly) or
   * is empty (`string_to_array('')` is an empty array; keys are never empty today).
   */
  keysAndHashes(): { readonly keys: string; readonly hashes: string; readonly rows: readonly number[] } | undefined {
    const keys: string[] = []
    const hashes: string[] = []
    const rows: number[] = []
    for (const [key, row] of this.rowOfKey) {
      if (key === "" || key.includes("\u001f")) return undefined
      keys.push(key)
      hashes.push(this.hashOfRow[row]!)
      rows.push(row)
    }
    return { keys: keys.join("\u001f"), hashes: hashes.join("\u001f"), rows }
  }

  /** The binary COPY payload of all distinct rows (for the staging table or the stage table). */
  payload(): Buffer {
    this.payload_ ??= this.writer.finish()
    return this.payload_
  }

  /** A binary COPY payload of only `rows` (row indexes from `keysAndHashes`). */
  payloadOf(rows: readonly number[]): Buffer {
    return this.writer.payloadOf(rows)
  }
}
