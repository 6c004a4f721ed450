// Preloaded into the action's process (NODE_OPTIONS=--import=…) by tests that need a tenant
// host to go unresolved: every *.appmixer.cloud lookup fails with ENOTFOUND, as an unknown tenant
// does, so no test ever sends a DNS query for, or connects to, a real Appmixer host.
import dns from 'node:dns'

const realLookup = dns.lookup

Object.assign(dns, {
  /** @param {string} hostname @param {...any} rest */
  lookup(hostname, ...rest) {
    if (/\.appmixer\.cloud\.?$/i.test(hostname)) {
      const done = rest.find(argument => typeof argument === 'function')
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname })
      process.nextTick(done, error)
      return
    }
    return Reflect.apply(realLookup, dns, [hostname, ...rest])
  }
})
