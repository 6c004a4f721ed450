/**
 * A step is this list of stages, in this order: publish → deploy → resolve → export → command →
 * gate → hold → call.
 * Each runs when the settings ask for it, and the step stops at the first that does not pass.
 * A new stage is a folder of its own and a line here.
 *
 * The modules of the publish, flows-as-code and gate stages are loaded only when the step runs
 * them (`import()`, chunks of the bundle): a step that only calls an endpoint compiles none of
 * their code. The call stage is in the bundle itself: loading a chunk costs a call-only step
 * more than compiling the call code (docs/benchmarks.md).
 */
import { loadBody } from './call/request.js'
import { callStage } from './call/stage.js'
import type { Config } from './config/index.js'
import type { DeployFiles } from './flows-as-code/read-deploy.js'
import type { Connector } from './publish/pack.js'
import type { Stage } from './step/context.js'
import { realPathInOneOf } from './workspace.js'

/** What is read and checked before any request, for the stages that need it. */
export interface Prepared {
  readonly connector?: Connector
  readonly body?: string
  readonly deploy?: DeployFiles
  /** The real path of the export folder. */
  readonly exportFolder?: string
  /** The real path of `response-file`, inside the workspace or RUNNER_TEMP. */
  readonly responseFile?: string
}

interface StageLine {
  /** Whether the step's settings ask for this stage. */
  readonly applies: (config: Config) => boolean
  /** The stage, its module loaded first when it is a chunk. */
  readonly load: (prepared: Prepared) => Promise<Stage>
}

const STAGES: readonly StageLine[] = [
  {
    applies: config => config.publish !== undefined,
    load: async ({ connector }) => (await import('./publish/stage.js')).publishStage(connector!)
  },
  {
    applies: config => config.deploy !== undefined,
    load: async ({ deploy }) => (await import('./flows-as-code/deploy-stage.js')).deployStage(deploy!)
  },
  {
    applies: config => config.gate !== undefined || config.export !== undefined,
    load: async () => (await import('./gate/resolve-stage.js')).resolveStage
  },
  {
    applies: config => config.export !== undefined,
    load: async ({ exportFolder }) => (await import('./flows-as-code/export-stage.js')).exportStage(exportFolder!)
  },
  { applies: config => config.gate?.command !== undefined, load: async () => (await import('./gate/command-stage.js')).commandStage },
  { applies: config => config.gate !== undefined, load: async () => (await import('./gate/gate-stage.js')).gateStage },
  { applies: config => config.gate?.holdMs !== undefined, load: async () => (await import('./gate/hold-stage.js')).holdStage },
  { applies: config => config.call !== undefined, load: ({ body, responseFile }) => Promise.resolve(callStage(body, responseFile)) }
]

/** The stages the settings ask for, in order, their modules loaded. */
export function stagesFor(config: Config, prepared: Prepared): Promise<Stage[]> {
  return Promise.all(STAGES.filter(line => line.applies(config)).map(line => line.load(prepared)))
}

/**
 * Read and checked before any request: a bad body file, connector path, manifest, size or flow
 * file is bad input, reported before sign-in.
 */
export async function prepareStages(config: Config, workspace: string, env: NodeJS.ProcessEnv = {}): Promise<Prepared> {
  const responseRoots = env.RUNNER_TEMP ? [workspace, env.RUNNER_TEMP] : [workspace]
  return {
    body: config.call ? await loadBody(config.call.body, workspace) : undefined,
    // Checked before any request: a call that changes something must not be sent for a file it cannot write.
    responseFile:
      config.call && config.responseFile ? await realPathInOneOf('response-file', config.responseFile, responseRoots) : undefined,
    connector: config.publish ? await (await import('./publish/stage.js')).prepareConnector(config.publish, workspace) : undefined,
    deploy: config.deploy ? await (await import('./flows-as-code/deploy-stage.js')).prepareDeploy(config.deploy, workspace) : undefined,
    exportFolder: config.export
      ? await (await import('./flows-as-code/export-stage.js')).prepareExport(config.export, workspace)
      : undefined
  }
}
