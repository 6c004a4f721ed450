/**
 * What a step is asked to do, as parsed from its inputs (config/parse.ts builds it). Each part
 * is present only when its inputs are: a stage runs when its part is there, so nothing is
 * guessed from which inputs happen to be set.
 */
import type { Expression } from '../expressions.js'

export type Credentials =
  { readonly kind: 'password'; readonly username: string; readonly password: string } | { readonly kind: 'token'; readonly token: string }

export type RequestBody =
  { readonly kind: 'none' } | { readonly kind: 'inline'; readonly json: string } | { readonly kind: 'file'; readonly path: string }

export type OnUnavailable = 'fail' | 'warn' | 'pass'
export type FlowCommand = 'start' | 'stop' | 'restart'

/** How long a command waits for its stage when no `wait` is given. */
export const COMMAND_WAIT_MS = 120_000

/** How long a step polls: `waitMs` 0 checks once. */
export interface Waiting {
  readonly waitMs: number
  readonly pollIntervalMs: number
}

/** One API call, optionally a gate on its response (`expect`, polled with `wait`). */
export interface CallSettings {
  readonly method: string
  /** Path (and optional query string) under the base URL; never an absolute URL. */
  readonly endpoint: string
  readonly query: ReadonlyArray<readonly [string, string]>
  readonly headers: ReadonlyArray<readonly [string, string]>
  readonly body: RequestBody
  /** Condition over the response; the step fails unless it is truthy. */
  readonly expect?: Expression
}

/** The flow gate: the listed flows, optionally started or stopped, must reach a stage and pass every check. */
export interface GateSettings {
  /** Flow ids or exact names. */
  readonly flows: readonly string[]
  /** The stage every listed flow must be in. */
  readonly stage: string
  readonly command?: FlowCommand
  /** Appmixer filters (`field:value`), each a `filter` parameter of `GET /flows`. */
  readonly flowFilter: readonly string[]
  readonly maxErrors?: number
  readonly errorsWindowMs: number
  /** Unprocessed messages the gated flows may hold together (`max-unprocessed`). */
  readonly maxUnprocessed?: number
  /** Test the accounts the gated flows use, before any command and at each check (`check-accounts`). */
  readonly checkAccounts: boolean
  /** Bake time after the gate first passes (`hold`): checked every poll interval, the first problem fails. */
  readonly holdMs?: number
}

/** A connector to publish before the call or the gate. */
export interface PublishSettings {
  /** The `publish` input as given (a path relative to the workspace), for messages and annotations. */
  readonly input: string
  readonly timeoutMs: number
}

/** `deploy-mode`: `apply` changes the tenant; `plan` only reports; `check` fails when anything would change. */
export type DeployMode = 'apply' | 'plan' | 'check'

/** How long `update-instances` follows a rollout when no `wait` is given (the vendor CLI's limit). */
export const ROLLOUT_WAIT_MS = 300_000

/** Flow files to create or update on the tenant (flows as code). */
export interface DeploySettings {
  /** The `deploy` input as given (a folder or one file, relative to the workspace). */
  readonly input: string
  readonly mode: DeployMode
  /** Roll each deployed integration template out to its instances and follow the rollout. */
  readonly updateInstances: boolean
  /** Without `command` or `stage`: each deployed flow must be back in the stage it had before. */
  readonly keepStages: boolean
}

/** The listed flows, written as flow files into a folder. */
export interface ExportSettings {
  /** The `export` input as given (a folder relative to the workspace). */
  readonly input: string
  readonly flows: readonly string[]
  readonly flowFilter: readonly string[]
}

export interface Config {
  readonly baseUrl: URL
  readonly credentials: Credentials
  readonly publish?: PublishSettings
  readonly gate?: GateSettings
  readonly call?: CallSettings
  readonly deploy?: DeploySettings
  readonly export?: ExportSettings
  /** The wait of the gate or of the call's `expect`; counts from when the step's requests begin. */
  readonly waiting: Waiting
  readonly select?: Expression
  /** Expressions whose values in the response are masked before anything is logged or output. */
  readonly mask: readonly Expression[]
  readonly responseFile?: string
  readonly onUnavailable: OnUnavailable
  readonly outputToken: boolean
  readonly failOnHttpError: boolean
  readonly timeoutMs: number
  readonly retries: number
  readonly summary: boolean
  /** Inputs that are valid but will not do what their author may think; printed as warnings. */
  readonly warnings: readonly string[]
}
