/** Config from a set of inputs, as the runner hands them over, for the parser's unit tests. */
import { parseConfig, type Config } from '../../src/config/index.js'
import { InputError } from '../../src/errors.js'

/** A parser of input sets over `defaults` (the sign-in every case needs), in a workspace of its own. */
export function configParser(defaults: Record<string, string>, workspace = '/work/space') {
  return (inputs: Record<string, string>): Config => {
    const all: Record<string, string> = { ...defaults, ...inputs }
    return parseConfig({ readInput: name => all[name] ?? '', workspace })
  }
}

/** The InputError that parsing throws; fails the test when it parses. */
export function inputErrorOf(parse: () => unknown): InputError {
  try {
    parse()
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }
  throw new Error('expected an InputError')
}
