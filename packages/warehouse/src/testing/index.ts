export { createTestDatabase, type TestDatabase, testAdminUrl } from "./postgres.js"
