import type { Store } from "../data/store.js"
import { isAncestor } from "./bindings.js"
import { routeTable } from "./route-table.js"

/**
 * Records served by each list path template, summed over all parents: for a list scoped by its
 * ancestors (or global) that is every visible record of the entity, since a deleted parent hides
 * its children. Cross-relation and hand-written lists are left out.
 */
export const listCounts = (store: Store): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const [template, route] of Object.entries(routeTable)) {
    if (route.kind !== "list" || route.view !== undefined) continue
    if (!route.path.every((binding) => isAncestor(store, binding.entity, route.entity))) continue
    counts[template] = store.state(route.entity).visibleCount
  }
  return counts
}
