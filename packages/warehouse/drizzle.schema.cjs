// drizzle-kit collects tables from the top-level exports of its schema files (it require()s them).
// The Bronze tables are generated from the staging registry, so they only exist as properties of
// `warehouseSchema`: this adapter flattens that object into exports drizzle-kit can see.
const { warehouseSchema } = require("./src/schema/index.ts")

module.exports = { ...warehouseSchema }
