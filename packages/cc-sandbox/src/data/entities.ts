/**
 * The entities the sandbox generates, their volumes at scale 1 (docs/design.md §3, the production
 * instance of Dec 2025), and their tree: a child's records are grouped by parent, so the children of
 * one parent are a contiguous run of indexes and any ancestor's descendants are contiguous too.
 */

/** How a child entity's records spread over its parents. */
export type Spread =
  /** Roughly the same number per parent. */
  | "even"
  /** Exponentially skewed: a few parents have many, most have some. */
  | "skewed"

export interface EntityDef {
  readonly key: string
  /** Records at scale 1 (totals over all parents). */
  readonly volume: number
  /** Records at any scale, however small. */
  readonly min: number
  /** Configuration lists: the same size at every scale. */
  readonly fixed?: boolean
  readonly parent?: string
  readonly spread?: Spread
  /** Share of parents with no children of this entity. */
  readonly zeroShare?: number
  /** Children every parent has at least. */
  readonly minPerParent?: number
  /**
   * Whether `mutate` may update records: only where the list schema has a property besides the ones
   * previews elsewhere quote (names, uids), so an update shows in the record and nowhere else.
   */
  readonly updates: boolean
  /** Whether `mutate` may insert records (leaf-ish entities and a few roots). */
  readonly inserts: boolean
  /** Whether `mutate` may delete records (only entities no other record refers to, except their own subtree). */
  readonly deletes: boolean
}

const root = (key: string, volume: number, min: number, inserts = false): EntityDef => ({
  key,
  volume,
  min,
  updates: true,
  inserts,
  deletes: false
})
const config = (key: string, volume: number): EntityDef => ({
  key,
  volume,
  min: volume,
  fixed: true,
  updates: true,
  inserts: false,
  deletes: false
})
const child = (
  key: string,
  parent: string,
  volume: number,
  min: number,
  options: Partial<Pick<EntityDef, "spread" | "zeroShare" | "minPerParent" | "updates" | "inserts" | "deletes">> = {}
): EntityDef => ({ key, parent, volume, min, spread: "even", updates: true, inserts: true, deletes: true, ...options })

/** Every entity, parents before children. Order fixes id ranges: append new entities at the end. */
export const entityDefs: ReadonlyArray<EntityDef> = [
  root("study", 1_050, 3, true),
  root("site", 320, 3),
  root("sponsor", 798, 3),
  child("sponsorDivision", "sponsor", 1_200, 3, { minPerParent: 1, inserts: false, deletes: false }),
  child("sponsorTeam", "sponsorDivision", 1_400, 3, { minPerParent: 1, inserts: false, deletes: false }),
  config("organization", 2),
  root("staff", 2_617, 8),
  root("provider", 398, 4),
  // A monitor's list schema (MonitorPreviewModel) is only the names that study contacts quote.
  { ...root("monitor", 120, 3), updates: false },
  config("schedule", 10),
  child("room", "site", 640, 4, { inserts: false, deletes: false }),
  child("roomGroup", "site", 60, 2, { zeroShare: 0.6, inserts: false, deletes: false }),
  root("patient", 152_836, 25, true),
  root("sysAllergy", 936, 5),
  root("sysCondition", 2_404, 5),
  root("sysMedication", 2_295, 5),
  root("sysProcedure", 671, 5),
  root("sysImmunization", 78, 5),
  root("sysDevice", 3_294, 5),
  root("sysSocialHistory", 120, 5),
  config("documentType", 20),
  config("actionCategory", 10),
  config("studyCategory", 12),
  config("studySubcategory", 8),
  config("studyStatus", 15),
  config("studyGroup", 6),
  config("patientCustomField", 9),
  config("studyCustomField", 5),
  child("subject", "study", 88_773, 10, { spread: "skewed", zeroShare: 0.08 }),
  child("visit", "study", 27_300, 3, { minPerParent: 1, inserts: false, deletes: false }),
  child("element", "study", 31_672, 3, { minPerParent: 1, inserts: false, deletes: false }),
  child("arm", "study", 1_575, 3, { minPerParent: 1, inserts: false, deletes: false }),
  child("protocolVersion", "study", 2_100, 3, { minPerParent: 1, inserts: false, deletes: false }),
  child("document", "study", 12_600, 3, { spread: "skewed" }),
  child("milestone", "study", 6_300, 3),
  child("note", "study", 3_150, 3, { spread: "skewed" }),
  child("action", "study", 8_400, 3, { spread: "skewed" }),
  child("studyRole", "study", 4_200, 3, { minPerParent: 1, inserts: false, deletes: false }),
  child("personnel", "study", 3_150, 3, { minPerParent: 1, inserts: false, deletes: false }),
  child("warning", "study", 840, 2, { zeroShare: 0.5, inserts: false }),
  child("visitElement", "visit", 40_950, 6, { minPerParent: 1, inserts: false }),
  child("subjectStatus", "subject", 119_749, 10, { minPerParent: 1, inserts: false, deletes: false }),
  child("patientVisit", "subject", 2_297_271, 40),
  child("patientVisitElement", "patientVisit", 2_090_584, 30, { zeroShare: 0.3 }),
  child("appointment", "patientVisit", 860_893, 15, { zeroShare: 0.62 }),
  child("stipend", "patientVisit", 22_973, 5, { zeroShare: 0.985 }),
  child("patientDevice", "patient", 1_528, 3, { zeroShare: 0.99 }),
  child("patientAllergy", "patient", 7_642, 3, { zeroShare: 0.95 }),
  child("patientProvider", "patient", 4_585, 3, { zeroShare: 0.97 }),
  child("patientCondition", "patient", 9_170, 3, { zeroShare: 0.94 }),
  child("patientProcedure", "patient", 4_585, 3, { zeroShare: 0.97 }),
  child("patientMedication", "patient", 7_642, 3, { zeroShare: 0.95 }),
  child("patientImmunization", "patient", 2_293, 3, { zeroShare: 0.985 }),
  child("patientFamilyHistory", "patient", 2_293, 3, { zeroShare: 0.985 }),
  child("patientSocialHistory", "patient", 2_293, 3, { zeroShare: 0.985 }),
  child("campaignTouch", "patient", 4_585, 3, { zeroShare: 0.97 }),
  child("referralTouch", "patient", 1_528, 3, { zeroShare: 0.99 })
]

/** Entity keys of the tree's children, by parent key. */
export const childrenOf = (key: string): ReadonlyArray<EntityDef> => entityDefs.filter((def) => def.parent === key)

export const entityDef = (key: string): EntityDef => {
  const def = entityDefs.find((candidate) => candidate.key === key)
  if (def === undefined) throw new Error(`Unknown sandbox entity "${key}"`)
  return def
}
