/**
 * What a deploy sends for a flow file: the file's fields, with what the file leaves out on
 * purpose taken from the live flow. A component's `version` is the engine's stamp (without it
 * the engine re-resolves a component against a default version and can strip its transforms),
 * and its `config.properties.account` is the target tenant's binding; a file written by export
 * holds neither the account nor, when Appmixer had not stamped one, the version.
 */
import { isObject } from './api.js'
import { accountProperty, withAccountProperty, type FlowFile } from './flow-file.js'

/** The fields of a flow a deploy writes (`PUT /flows/:id`), in flow file order. */
export const WRITTEN_FIELDS = ['name', 'description', 'type', 'customFields', 'flow'] as const

export type FlowBody = Partial<Record<(typeof WRITTEN_FIELDS)[number], unknown>> & { readonly flow: Record<string, unknown> }

/**
 * The body of `PUT /flows/:id` for `file`, given the live flow (absent for a created flow). A
 * field the file leaves out is not sent, so Appmixer keeps it as it is.
 */
export function deployBody(file: FlowFile, live?: unknown): FlowBody {
  const liveFlow = isObject(live) && isObject(live.flow) ? live.flow : {}
  const flow: Record<string, unknown> = {}
  for (const [id, component] of Object.entries(file.flow)) flow[id] = withLiveDefaults(component, liveFlow[id])
  const body: Record<string, unknown> = {}
  for (const field of WRITTEN_FIELDS) if (file[field] !== undefined) body[field] = file[field]
  return { ...body, flow }
}

/**
 * A component with the live one's version and account when it has none and is still the same
 * kind of component: another type's version or account would be wrong for it.
 */
function withLiveDefaults(component: Record<string, unknown> & { type: string }, live: unknown): Record<string, unknown> {
  if (!isObject(live) || live.type !== component.type) return component
  let merged: Record<string, unknown> = component
  if (component.version === undefined && live.version !== undefined) merged = { ...merged, version: live.version }
  const account = accountProperty(live)
  if (accountProperty(component) === undefined && account !== undefined) merged = withAccountProperty(merged, account)
  return merged
}
