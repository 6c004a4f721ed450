// @ts-check
/**
 * Once per test run: find Node 24 (end-to-end tests run dist/index.js with it, as the runner
 * does) and hand its path to the test workers, which inherit this environment.
 */
import { node24Path } from '../../scripts/node24.js'

export default function globalSetup() {
  process.env.NODE24_PATH = node24Path()
}
