// @ts-check
/**
 * The path of a Node 24 binary, the version GitHub's runners start the action with. This
 * machine has Node 20, so `npx -y node@24` fetches Node 24 from the npm registry (once; npm
 * caches it). Resolved once and reused, since starting npx costs seconds.
 */
import { execFileSync } from 'node:child_process'

let cached = process.env.NODE24_PATH

export function node24Path() {
  if (cached) return cached
  if (Number(process.versions.node.split('.')[0]) === 24) return (cached = process.execPath)
  // Finding Node is tooling, not under test: under faketime (npm run test:future) npm would see
  // its cache and the registry's certificates years out of date, so the lookup runs on real time.
  const env = { ...process.env }
  for (const name of ['LD_PRELOAD', 'FAKETIME', 'FAKETIME_DONT_FAKE_MONOTONIC', 'DYLD_INSERT_LIBRARIES']) delete env[name]
  const found = execFileSync('npx', ['-y', 'node@24', '-p', 'process.execPath'], {
    encoding: 'utf8',
    env,
    stdio: ['ignore', 'pipe', 'inherit']
  }).trim()
  cached = found
  return found
}
