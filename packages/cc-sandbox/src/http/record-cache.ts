/**
 * Serialised records, reused across requests: a record's JSON depends only on (entity, schema,
 * index) and the data version, so repeated reads (clients paging the same list again, benchmarks)
 * skip generation and serialisation. Bounded by total characters; cleared whole when full or when
 * the data version changes (mutations are rare, reads are many).
 */
export class RecordCache {
  private readonly entries = new Map<string, Map<number, string>>()
  private chars = 0
  private version = -1

  constructor(private readonly maxChars = 48_000_000) {}

  get(kind: string, index: number, version: number, make: () => string): string {
    if (version !== this.version) this.clear(version)
    let byIndex = this.entries.get(kind)
    if (byIndex === undefined) {
      byIndex = new Map()
      this.entries.set(kind, byIndex)
    }
    const cached = byIndex.get(index)
    if (cached !== undefined) return cached
    const text = make()
    if (this.chars + text.length > this.maxChars) {
      this.clear(version)
      this.entries.set(kind, byIndex)
    }
    byIndex.set(index, text)
    this.chars += text.length
    return text
  }

  private clear(version: number): void {
    for (const byIndex of this.entries.values()) byIndex.clear()
    this.entries.clear()
    this.chars = 0
    this.version = version
  }
}
