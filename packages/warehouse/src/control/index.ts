/**
 * Repositories over the control tables: the one place their SQL lives.
 */
export { InstanceConfigError, UnknownInstanceError } from "./errors.js"
export {
  addInstance,
  type ControlSql,
  checkNewInstance,
  chooseInstance,
  findInstance,
  findInstanceIdByUid,
  type IdentifiedInstance,
  listInstances,
  type NewInstance,
  recordInstanceIdentity,
  registerIdentifiedInstance,
  removeInstance,
  resolveApiKey,
  type SourceInstanceRow
} from "./instances.js"
