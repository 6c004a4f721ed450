/**
 * A flow file: one flow as the repository keeps it, `{flowId, name, description, type,
 * customFields, flow}` in that order (what the vendor's own transfer keeps, less thumbnails),
 * nested keys sorted, 2-space indent and a final newline, so the same flow always gives the
 * same bytes. Server fields (stage, owner, times, runtime errors…) are left out, and so are
 * account bindings: the component-to-account associations live outside the descriptor
 * (`GET /accounts/flow/:flowId`), and the one binding a descriptor can hold, a component's
 * `config.properties.account` (the vendor's deploy tooling writes an account id there), is an id
 * of one tenant that means nothing on another. A deploy carries both over from the live flow.
 */
import { ActionError, InputError, excerpt, quote } from '../errors.js'
import { isObject } from './api.js'
import { canonicalJson } from './canonical.js'

/** The top-level keys of a flow file, in the order the file holds them. */
export const FLOW_FILE_KEYS = ['flowId', 'name', 'description', 'type', 'customFields', 'flow'] as const

export type Component = Readonly<Record<string, unknown>> & { readonly type: string }

export interface FlowFile {
  readonly flowId: string
  readonly name?: string
  readonly description?: string | null
  readonly type?: string
  readonly customFields?: Readonly<Record<string, unknown>>
  /** The descriptor: component id → component. */
  readonly flow: Readonly<Record<string, Component>>
}

/**
 * Ids go into request paths; these are the characters Appmixer's ids (UUIDs, and ids like
 * `test-i-source-flow-id` the vendor's transfer sets) are made of, and never `.` or `..`.
 */
const FLOW_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.:-]{0,127}$/

/**
 * The flow file text of a flow as `GET /flows/:id` answers it. `redact` is applied to every
 * string (keys included) before it is written, so a registered secret typed into a component's
 * properties never reaches the file, and the file stays valid JSON.
 */
export function flowFileText(answer: unknown, redact: (text: string) => string = text => text): string {
  if (!isObject(answer) || typeof answer.flowId !== 'string' || !isObject(answer.flow)) {
    throw new ActionError('Appmixer answered a flow read with something that is not a flow (no flowId or no flow descriptor)')
  }
  const kept: Record<string, unknown> = {}
  for (const key of FLOW_FILE_KEYS) {
    // A field Appmixer did not return is left out, not written as null.
    if (answer[key] !== undefined) kept[key] = answer[key]
  }
  kept.flow = withoutAccountProperties(answer.flow)
  return `${canonicalJson(mapStrings(kept, redact), 2, FLOW_FILE_KEYS)}\n`
}

/** Reads a flow file's text; every problem names the file and says what a flow file must hold. */
export function parseFlowFile(text: string, file: string): FlowFile {
  const bad = (problem: string) => new InputError('deploy', `${quote(file)} is not a flow file: ${problem}`)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw bad(`it is not valid JSON (${excerpt((error as Error).message, 120)})`)
  }
  if (!isObject(value)) throw bad('it must hold one JSON object')
  const unknown = Object.keys(value).filter(key => !(FLOW_FILE_KEYS as readonly string[]).includes(key))
  if (unknown.length > 0) {
    throw bad(
      `it holds ${unknown.map(key => quote(key)).join(', ')}; a flow file holds only ${FLOW_FILE_KEYS.join(', ')} (export a flow to get one)`
    )
  }
  if (typeof value.flowId !== 'string' || value.flowId === '') throw bad('it has no flowId (a non-empty string)')
  if (!FLOW_ID.test(value.flowId)) throw bad(`its flowId ${quote(value.flowId)} is not an Appmixer id (letters, digits, - _ . :)`)
  if (value.name !== undefined && typeof value.name !== 'string') throw bad('its name is not a string')
  if (value.description !== undefined && value.description !== null && typeof value.description !== 'string') {
    throw bad('its description is not a string')
  }
  if (value.type !== undefined && typeof value.type !== 'string') throw bad('its type is not a string')
  if (value.customFields !== undefined && !isObject(value.customFields)) throw bad('its customFields is not an object')
  if (!isObject(value.flow)) throw bad('it has no flow descriptor (flow: an object of components)')
  for (const [id, component] of Object.entries(value.flow)) {
    if (!isObject(component) || typeof component.type !== 'string' || component.type === '') {
      throw bad(`its component ${quote(id)} is not a component (an object with a type)`)
    }
  }
  return value as unknown as FlowFile
}

/** The account a component's properties name, if any (the binding a descriptor can hold). */
export function accountProperty(component: unknown): unknown {
  if (!isObject(component) || !isObject(component.config) || !isObject(component.config.properties)) return undefined
  return component.config.properties.account
}

/** A component with an account property set to `account` (left out when undefined), copied. */
export function withAccountProperty(component: Record<string, unknown>, account: unknown): Record<string, unknown> {
  const config = isObject(component.config) ? component.config : {}
  const properties = isObject(config.properties) ? { ...config.properties } : undefined
  if (!properties && account === undefined) return component
  const next = { ...(properties ?? {}), account }
  if (account === undefined) delete next.account
  return { ...component, config: { ...config, properties: next } }
}

function withoutAccountProperties(flow: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {}
  for (const [id, component] of Object.entries(flow)) {
    copy[id] = isObject(component) && accountProperty(component) !== undefined ? withAccountProperty(component, undefined) : component
  }
  return copy
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value)
  // A number can be a secret too (a PIN typed into a property): its text, redacted, stands in for it.
  if (typeof value === 'number' && map(String(value)) !== String(value)) return map(String(value))
  if (Array.isArray(value)) return value.map(item => mapStrings(item, map))
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [map(key), mapStrings(item, map)]))
  return value
}
