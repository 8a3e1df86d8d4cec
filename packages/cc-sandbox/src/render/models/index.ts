import { entityDefs } from "../../data/entities.js"
import type { EntityModel } from "../model.js"
import { patientModels } from "./patient.js"
import { referenceModels } from "./reference.js"
import { studyModels } from "./study.js"
import { subjectModels } from "./subject.js"

/** Every entity's record model, by entity key (checked complete at load). */
export const entityModels: ReadonlyMap<string, EntityModel> = (() => {
  const models = new Map<string, EntityModel>()
  for (const model of [...referenceModels, ...studyModels, ...subjectModels, ...patientModels]) {
    models.set(model.entity, model)
  }
  const missing = entityDefs.filter((def) => !models.has(def.key)).map((def) => def.key)
  if (missing.length > 0) throw new Error(`No record model for sandbox entities: ${missing.join(", ")}`)
  return models
})()
