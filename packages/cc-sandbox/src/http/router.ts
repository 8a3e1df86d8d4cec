/** A matched path: the spec's template and the values of its `{placeholders}`. */
export interface RouteMatch<T> {
  readonly template: string
  readonly params: Readonly<Record<string, string>>
  readonly value: T
}

interface Node<T> {
  readonly literals: Map<string, Node<T>>
  param: Node<T> | undefined
  leaf: { readonly template: string; readonly names: ReadonlyArray<string>; readonly value: T } | undefined
}

const newNode = <T>(): Node<T> => ({ literals: new Map(), param: undefined, leaf: undefined })

/**
 * Matches request paths against the spec's path templates, segment by segment. Literal segments
 * match without regard to case (ASP.NET routing ignores case) and win over `{placeholders}`, so
 * `/patients/odata` is never read as `/patients/{id}`.
 */
export class PathRouter<T> {
  private readonly root: Node<T> = newNode()

  add(template: string, value: T): void {
    let node = this.root
    const names: Array<string> = []
    for (const segment of template.split("/").filter((part) => part !== "")) {
      if (segment.startsWith("{") && segment.endsWith("}")) {
        // Templates may name the same position differently (`{id}`, `{studyId}`): each leaf keeps its own names.
        names.push(segment.slice(1, -1))
        node.param ??= newNode()
        node = node.param
      } else {
        const key = segment.toLowerCase()
        let next = node.literals.get(key)
        if (next === undefined) {
          next = newNode()
          node.literals.set(key, next)
        }
        node = next
      }
    }
    if (node.leaf !== undefined) throw new Error(`Duplicate route template ${template}`)
    node.leaf = { template, names, value }
  }

  match(path: string): RouteMatch<T> | undefined {
    const segments = path.split("/").filter((part) => part !== "")
    const captured: Array<string> = []
    const walk = (node: Node<T>, at: number): Node<T> | undefined => {
      if (at === segments.length) return node.leaf === undefined ? undefined : node
      const segment = segments[at]!
      const literal = node.literals.get(segment.toLowerCase())
      if (literal !== undefined) {
        const found = walk(literal, at + 1)
        if (found !== undefined) return found
      }
      if (node.param !== undefined) {
        captured.push(decodeURIComponent(segment))
        const found = walk(node.param, at + 1)
        if (found !== undefined) return found
        captured.pop()
      }
      return undefined
    }
    let node: Node<T> | undefined
    try {
      node = walk(this.root, 0)
    } catch {
      return undefined
    }
    if (node?.leaf === undefined) return undefined
    const { template, names, value } = node.leaf
    const params: Record<string, string> = {}
    names.forEach((name, at) => {
      params[name] = captured[at]!
    })
    return { template, params, value }
  }
}
