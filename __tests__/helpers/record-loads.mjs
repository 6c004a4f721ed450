// Preloaded (NODE_OPTIONS=--import=…) into a step: writes the URL of every module file the
// process loaded to RECORD_LOADS_FILE on exit, so a test can tell which chunks of dist/ a step used.
import { writeFileSync } from 'node:fs'
import * as nodeModule from 'node:module'

/** @typedef {(url: string, context: unknown) => unknown} NextLoad */
// Node 24's synchronous module hooks (the step runs on Node 24; the @types/node here are 20's).
const { registerHooks } =
  /** @type {{registerHooks: (hooks: {load: (url: string, context: unknown, next: NextLoad) => unknown}) => void}} */ (
    /** @type {unknown} */ (nodeModule)
  )

/** @type {string[]} */
const loaded = []
registerHooks({
  load(url, context, nextLoad) {
    loaded.push(url)
    return nextLoad(url, context)
  }
})
process.on('exit', () => writeFileSync(String(process.env.RECORD_LOADS_FILE), loaded.join('\n')))
