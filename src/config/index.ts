/** The step's settings: their types, the inputs they come from, and the parser. */
export * from './settings.js'
export { INPUT_NAMES, checkInputNames, closestInput, type InputName, type InputReader } from './inputs.js'
export { parseConfig, NOTHING_TO_DO, type ConfigEnvironment } from './parse.js'
export { parseBaseUrl, isLoopback, userinfoSecrets, USERINFO } from './connection.js'
export { parseEndpoint } from './call.js'
