/**
 * PostgreSQL's binary COPY format (https://www.postgresql.org/docs/current/sql-copy.html,
 * "Binary Format"), written field by field into one growing buffer. Measured against the text
 * format on 5000-row batches of ~550-byte records: PostgreSQL parses it in about half the time
 * (no per-byte escape scanning), and building it needs no escaping in JavaScript.
 */

const signature = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1")
const headerSize = signature.length + 8
const trailerSize = 2
/** jsonb's binary input: a version byte (1) followed by the JSON text. */
const jsonbVersion = 1
/** Up to this length, `text` tries a plain loop for ASCII before a native UTF-8 write. */
const shortText = 64

/** Appends rows to a growing buffer; rows can be dropped until `finish`. */
export class CopyBinaryWriter {
  private buffer: Buffer
  private offset = headerSize
  private readonly rowStarts: number[] = []
  private readonly dropped = new Set<number>()

  /** `reuse`: a buffer from an earlier, finished payload (saves allocating and faulting in pages). */
  constructor(initialBytes = 1 << 20, reuse?: Buffer) {
    this.buffer =
      reuse !== undefined && reuse.length >= headerSize + trailerSize
        ? reuse
        : Buffer.allocUnsafe(Math.max(initialBytes, headerSize + trailerSize))
    signature.copy(this.buffer, 0)
    this.buffer.writeInt32BE(0, signature.length) // flags: no OIDs
    this.buffer.writeInt32BE(0, signature.length + 4) // header extension length
  }

  private reserve(bytes: number): void {
    if (this.offset + bytes + trailerSize <= this.buffer.length) return
    let size = this.buffer.length * 2
    while (this.offset + bytes + trailerSize > size) size *= 2
    const grown = Buffer.allocUnsafe(size)
    this.buffer.copy(grown, 0, 0, this.offset)
    this.buffer = grown
  }

  /** Starts a row of `fieldCount` fields; returns its index (for `drop`). */
  startRow(fieldCount: number): number {
    this.reserve(2)
    this.rowStarts.push(this.offset)
    this.buffer[this.offset] = fieldCount >>> 8
    this.buffer[this.offset + 1] = fieldCount
    this.offset += 2
    return this.rowStarts.length - 1
  }

  /** A text field (UTF-8 needs at most 3 bytes per UTF-16 code unit). */
  text(value: string): void {
    this.reserve(4 + value.length * 3)
    const buffer = this.buffer
    const start = this.offset + 4
    // Short ASCII values (keys, hashes) byte by byte: a native `write` call costs more than this.
    let length = 0
    if (value.length <= shortText) {
      while (length < value.length) {
        const code = value.charCodeAt(length)
        if (code > 0x7f) break
        buffer[start + length++] = code
      }
    }
    if (length < value.length) length = buffer.write(value, start, "utf8")
    this.int32At(length, this.offset)
    this.offset = start + length
  }

  /** A big-endian int32 at `at`, without `writeInt32BE`'s range checks (callers pass int4 values). */
  private int32At(value: number, at: number): void {
    const buffer = this.buffer
    buffer[at] = value >>> 24
    buffer[at + 1] = value >>> 16
    buffer[at + 2] = value >>> 8
    buffer[at + 3] = value
  }

  /**
   * A jsonb field from JSON text. Returns the text's UTF-8 bytes as just written (a view that is
   * only valid until the next write), so callers can hash them without encoding the text again.
   */
  jsonb(json: string): Buffer {
    this.reserve(5 + json.length * 3)
    const start = this.offset + 5
    const length = this.buffer.write(json, start, "utf8")
    this.buffer.writeInt32BE(length + 1, this.offset)
    this.buffer[this.offset + 4] = jsonbVersion
    this.offset = start + length
    return this.buffer.subarray(start, start + length)
  }

  int4(value: number): void {
    this.reserve(8)
    this.int32At(4, this.offset)
    this.int32At(value, this.offset + 4)
    this.offset += 8
  }

  null(): void {
    this.reserve(4)
    this.int32At(-1, this.offset)
    this.offset += 4
  }

  /** The underlying buffer, to hand to the next writer once the payload is no longer needed. */
  get storage(): Buffer {
    return this.buffer
  }

  /** Leaves a row out of the payload. */
  drop(row: number): void {
    this.dropped.add(row)
  }

  /** The complete COPY payload: header, the rows not dropped, trailer. */
  finish(): Buffer {
    if (this.dropped.size === 0) {
      this.buffer.writeInt16BE(-1, this.offset)
      return this.buffer.subarray(0, this.offset + trailerSize)
    }
    const kept: number[] = []
    for (let row = 0; row < this.rowStarts.length; row++) if (!this.dropped.has(row)) kept.push(row)
    return this.payloadOf(kept)
  }

  /** A separate COPY payload of only `rows` (indexes from `startRow`), in the order given. */
  payloadOf(rows: readonly number[]): Buffer {
    const end = (row: number) => this.rowStarts[row + 1] ?? this.offset
    let size = headerSize + trailerSize
    for (const row of rows) size += end(row) - this.rowStarts[row]!
    const payload = Buffer.allocUnsafe(size)
    let offset = this.buffer.copy(payload, 0, 0, headerSize)
    for (const row of rows) offset += this.buffer.copy(payload, offset, this.rowStarts[row]!, end(row))
    payload.writeInt16BE(-1, offset)
    return payload
  }
}
