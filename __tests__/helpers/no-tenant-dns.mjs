// @ts-nocheck -- monkey-patches dns.lookup, whose overloads are not worth typing here
// Preloaded into the action's process (NODE_OPTIONS=--import=…) by tests that need a tenant
// host to go unresolved: every *.appmixer.cloud lookup fails with ENOTFOUND, as an unknown tenant
// does, so no test ever sends a DNS query for, or connects to, a real Appmixer host.
import dns from 'node:dns'

const realLookup = dns.lookup
dns.lookup = function lookup(hostname, options, callback) {
  const done = typeof options === 'function' ? options : callback
  if (/\.appmixer\.cloud\.?$/i.test(hostname)) {
    const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname })
    process.nextTick(done, error)
    return
  }
  return realLookup.call(this, hostname, options, callback)
}
