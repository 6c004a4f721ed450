/** The entry point the runner starts (`runs.main` in action.yml). */
import { run } from './main.js'

await run()
