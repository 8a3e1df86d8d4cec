/**
 * Reads the generated `CcSdk` class back (with the TypeScript compiler API, not regexes) to learn,
 * for each operation, the method name and the type names hey-api chose. Its naming rules
 * (operationId, with path-based fallbacks) are its own business; reading its output keeps our
 * typed path map in step with whatever it generated.
 */
import ts from "typescript"

export interface SdkMethod {
  /** The `CcSdk` method, e.g. `schedulingGetAppointments`. */
  readonly name: string
  /** HTTP method in upper case. */
  readonly httpMethod: string
  /** The spec's path template, e.g. `/api/v1/appointments/odata`. */
  readonly url: string
  /** The generated request type, e.g. `SchedulingGetAppointmentsData`. */
  readonly dataType: string
  /** The generated responses-by-status type, e.g. `SchedulingGetAppointmentsResponses`. */
  readonly responsesType: string
}

const HTTP_METHODS = new Set(["get", "post", "put", "patch", "delete", "head", "options", "trace"])

const typeReferenceName = (node: ts.TypeNode | undefined): string | undefined =>
  node !== undefined && ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) ? node.typeName.text : undefined

const findClientCall = (node: ts.Node): ts.CallExpression | undefined => {
  if (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    HTTP_METHODS.has(node.expression.name.text) &&
    node.typeArguments !== undefined
  ) {
    return node
  }
  return ts.forEachChild(node, findClientCall)
}

const urlOf = (call: ts.CallExpression): string | undefined => {
  const argument = call.arguments[0]
  if (argument === undefined || !ts.isObjectLiteralExpression(argument)) return undefined
  for (const property of argument.properties) {
    if (
      ts.isPropertyAssignment(property) &&
      ts.isIdentifier(property.name) &&
      property.name.text === "url" &&
      ts.isStringLiteral(property.initializer)
    ) {
      return property.initializer.text
    }
  }
  return undefined
}

/**
 * Every operation method of the generated `CcSdk` class.
 *
 * @example
 * ```ts
 * readSdkMethods(await readFile("src/generated/sdk.gen.ts", "utf8"))
 * // [{ name: "schedulingGetAppointments", httpMethod: "GET", url: "/api/v1/appointments/odata", ... }, ...]
 * ```
 */
export const readSdkMethods = (source: string): ReadonlyArray<SdkMethod> => {
  const file = ts.createSourceFile("sdk.gen.ts", source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS)
  const methods: SdkMethod[] = []
  const visitClass = (declaration: ts.ClassDeclaration) => {
    for (const member of declaration.members) {
      if (!ts.isMethodDeclaration(member) || !ts.isIdentifier(member.name) || member.body === undefined) continue
      const optionsType = member.parameters[0]?.type
      const dataType =
        optionsType !== undefined && ts.isTypeReferenceNode(optionsType)
          ? typeReferenceName(optionsType.typeArguments?.[0])
          : undefined
      const call = findClientCall(member.body)
      const url = call === undefined ? undefined : urlOf(call)
      const responsesType = typeReferenceName(call?.typeArguments?.[0])
      if (call === undefined || dataType === undefined || url === undefined || responsesType === undefined) {
        throw new Error(`generate: cannot read CcSdk.${member.name.text}; has the hey-api output format changed?`)
      }
      const access = call.expression as ts.PropertyAccessExpression
      methods.push({ name: member.name.text, httpMethod: access.name.text.toUpperCase(), url, dataType, responsesType })
    }
  }
  ts.forEachChild(file, (node) => {
    if (ts.isClassDeclaration(node) && node.name?.text === "CcSdk") visitClass(node)
  })
  if (methods.length === 0) throw new Error("generate: no CcSdk methods found in sdk.gen.ts")
  return methods
}
