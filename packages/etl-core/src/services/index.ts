export { ccLayerOf, type EngineLayerOptions, makeEngineLayer, warehouseOptionsOf } from "./engine-layer.js"
export { type NewRun, type RunEnd, RunLog, type RunLogShape } from "./run-log.js"
export { runLockKey } from "./run-owner.js"
export type { RunRow } from "./run-rows.js"
export {
  inWarehouseTransaction,
  type WarehouseLayerOptions,
  WarehouseService,
  withWarehouse
} from "./warehouse.js"
