/**
 * The entry point the runner starts (`runs.main` in action.yml): the process-level safety net,
 * then the step. Whatever escapes, even from a socket after the step, ends as one redacted
 * error line and exit code 1, never a stack trace.
 */
import { errorMessage } from './errors.js'
import { run } from './main.js'
import { createRunner } from './runner.js'

const runner = createRunner()
const last = (error: unknown): void => {
  runner.fail(`Unexpected error: ${errorMessage(error)}`)
  process.exit(1)
}
process.on('uncaughtException', last)
process.on('unhandledRejection', last)

try {
  await run(runner)
} catch (error) {
  last(error)
}
