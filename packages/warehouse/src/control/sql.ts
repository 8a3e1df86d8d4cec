/** Anything that runs SQL with `$1` parameters: a `Warehouse` or one of its transactions. */
export interface ControlSql {
  query<R = Record<string, unknown>>(text: string, params?: ReadonlyArray<unknown>): Promise<ReadonlyArray<R>>
}
