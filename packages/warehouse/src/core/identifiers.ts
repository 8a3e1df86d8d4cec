/**
 * SQL identifiers. Only names that pass the staging-name pattern are ever spliced into SQL, and
 * always double-quoted; values travel as parameters or COPY data.
 */
const safeIdentifier = /^[a-z_][a-z0-9_]{0,62}$/

/** `"name"`, after checking the name is a plain lowercase identifier. */
export const quoteIdentifier = (name: string): string => {
  if (!safeIdentifier.test(name)) {
    throw new Error(`Refusing to use ${JSON.stringify(name)} as an SQL identifier (expected ${safeIdentifier}).`)
  }
  return `"${name}"`
}
