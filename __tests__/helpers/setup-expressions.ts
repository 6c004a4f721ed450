/** Tests parse inputs with expressions directly: load the engine main.ts loads on demand. */
import { loadExpressionEngine } from '../../src/expressions.js'

await loadExpressionEngine()
