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
    this.offset = this.buffer.writeInt16BE(fieldCount, this.offset)
    return this.rowStarts.length - 1
  }

  /** A text field (UTF-8 needs at most 3 bytes per UTF-16 code unit). */
  text(value: string): void {
    this.reserve(4 + value.length * 3)
    const length = this.buffer.write(value, this.offset + 4, "utf8")
    this.buffer.writeInt32BE(length, this.offset)
    this.offset += 4 + length
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
    this.offset = this.buffer.writeInt32BE(4, this.offset)
    this.offset = this.buffer.writeInt32BE(value, this.offset)
  }

  null(): void {
    this.reserve(4)
    this.offset = this.buffer.writeInt32BE(-1, this.offset)
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
    const compacted = Buffer.allocUnsafe(this.offset + trailerSize)
    let end = this.buffer.copy(compacted, 0, 0, headerSize)
    this.rowStarts.forEach((start, row) => {
      if (!this.dropped.has(row)) end += this.buffer.copy(compacted, end, start, this.rowStarts[row + 1] ?? this.offset)
    })
    compacted.writeInt16BE(-1, end)
    return compacted.subarray(0, end + trailerSize)
  }
}
