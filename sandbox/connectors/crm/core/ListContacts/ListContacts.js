'use strict'

/** A sample component: lists contacts (the sandbox never runs it; Appmixer would). */
module.exports = {
  /** @param {{sendJson(data: unknown, port: string): Promise<void>}} context */
  async receive(context) {
    const contacts = [{ id: 1, name: 'Ada' }]
    return context.sendJson({ contacts }, 'out')
  }
}
