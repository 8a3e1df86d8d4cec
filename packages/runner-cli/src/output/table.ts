/**
 * Plain-text tables for terminals and logs: padded columns, numbers right-aligned, long cells
 * cut to a width so a table stays readable in 120 columns.
 */

export interface TableColumn<Row> {
  readonly header: string
  readonly value: (row: Row) => string | number | boolean | null | undefined
  /** Right-align (numbers). */
  readonly alignRight?: boolean
  /** Cut longer cells to this many characters (with an ellipsis). */
  readonly maxWidth?: number
}

const cell = (value: string | number | boolean | null | undefined): string => {
  if (value === null || value === undefined) return "-"
  if (typeof value === "number") return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toFixed(2)
  return String(value)
}

const cut = (text: string, maxWidth: number | undefined): string =>
  maxWidth !== undefined && text.length > maxWidth ? `${text.slice(0, Math.max(0, maxWidth - 1))}…` : text

/**
 * Renders rows as lines of text (header, rule, rows).
 *
 * @example
 * ```ts
 * formatTable([{ id: 2, name: "studies" }], [
 *   { header: "id", value: (row) => row.id, alignRight: true },
 *   { header: "name", value: (row) => row.name }
 * ]).join("\n")
 * // id  name
 * // --  -------
 * //  2  studies
 * ```
 */
export const formatTable = <Row>(rows: ReadonlyArray<Row>, columns: ReadonlyArray<TableColumn<Row>>): Array<string> => {
  const cells = rows.map((row) => columns.map((column) => cut(cell(column.value(row)), column.maxWidth)))
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((rowCells) => rowCells[index]?.length ?? 0))
  )
  const line = (values: ReadonlyArray<string>) =>
    values
      .map((value, index) => {
        const width = widths[index] ?? 0
        return columns[index]?.alignRight ? value.padStart(width) : value.padEnd(width)
      })
      .join("  ")
      .trimEnd()
  return [
    line(columns.map((column) => column.header)),
    line(widths.map((width) => "-".repeat(width))),
    ...cells.map((rowCells) => line(rowCells))
  ]
}
