import { makeFlow } from '../../sandbox/seed.js'
import { attack, startSandbox } from './harness.js'
it('probe', async () => {
  const sandbox = await startSandbox({ flows: [makeFlow('Orders [EU'), makeFlow('Other')], patternMode: 'regex' })
  const trace = await attack(sandbox, { flows: 'Orders [EU' })
  console.log(trace.failed, trace.outputs)
  await sandbox.close()
})
