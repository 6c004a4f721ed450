/**
 * The secrets of one step (password, token, masked response values) and their redaction.
 *
 * Each secret is registered with the runner (`::add-mask::`) the moment it is known, with the
 * spellings the runner would not derive itself; and every text the action writes passes
 * through `redact`, which knows every spelling (see secrets/spellings.ts), so a secret stays
 * hidden even where the runner would not mask it: in a file output, in the job summary, or in
 * an encoded form.
 *
 * Redaction is one pass over a text for all spellings of all secrets (an Aho–Corasick
 * automaton), or, for the few spellings of a usual step in a short text, one native `indexOf`
 * search a spelling (within a bound on its work). Registering only records the spellings; the automaton is built on the next
 * redaction that needs it, so registering 10,000 values costs 10,000 small steps, not 10,000
 * rebuilds.
 */
import { Automaton, coveredSpans } from './secrets/automaton.js'
import { spansByIndexOf } from './secrets/spans.js'
import { MAX_RUNNER_SPELLINGS, runnerSpellings, spellings } from './secrets/spellings.js'

export const REDACTED = '***'

/**
 * Up to this many spellings, the spellings are searched one by one with `indexOf` instead of the
 * automaton: the same spans, found at a fraction of the cost in a step's short life (a password
 * and a token have ~20 spellings). Beyond, one pass for all.
 */
const FEW_SPELLINGS = 64
/**
 * `indexOf` can compare each spelling at every place of a repetitive text (`aaa…` in `aaa…`):
 * the text's length times the spellings' total length bounds that work, and above this bound the
 * automaton (linear in the text, whatever the spellings) is used. A usual step's log lines,
 * outputs and summary stay well under it.
 */
const INDEX_OF_BUDGET = 2 ** 22

export { spellings } from './secrets/spellings.js'

/**
 * The redaction of the running step, for the code that quotes text from outside (errors.ts's
 * `visible`): `createRunner` installs its registry's; until then it redacts nothing.
 */
export const activeRedaction: { redact: (text: string) => string } = { redact: text => text }

/** Text redacted in pieces (a body on its way to a file); the pieces joined equal the text redacted whole. */
export interface StreamRedactor {
  push(chunk: string): string
  end(): string
}

export class SecretRegistry {
  /** Every value added, to skip one added again (a gate masks the same values each poll). */
  private readonly values = new Set<string>()
  private readonly forms = new Set<string>()
  /** Spellings in the large automaton, and those added since (in a small one, rebuilt cheaply). */
  private readonly settled: string[] = []
  private fresh: string[] = []
  private large?: Automaton
  private small?: Automaton
  private stale = false
  private longestForm = 0
  /** The lengths of all spellings, added up. */
  private formsLength = 0

  constructor(private readonly registerWithRunner: (secret: string) => void) {}

  /**
   * Registers a secret, whole and (when it has several lines) line by line, as the runner
   * itself masks it. Values shorter than `minLength` are ignored (masking `a` garbles logs).
   */
  add(secret: string | undefined, minLength = 1, moreRunnerSpellings = true): void {
    if (!secret || secret.trim().length < minLength || this.values.has(secret)) return
    this.values.add(secret)
    const lines = secret.split(/\r\n|\r|\n/).map(line => line.trim())
    const values = lines.length > 1 ? [secret, ...lines.filter(line => line.length >= minLength)] : [secret]
    // The runner masks what it is told; tell it before the value can appear anywhere.
    const told = new Set<string>()
    const tell = (form: string): void => {
      if (told.has(form)) return
      told.add(form)
      this.registerWithRunner(form)
    }
    values.forEach(tell)
    const spelled = values.map(value => spellings(value))
    // Values selected by `mask` (thousands, maybe) go to the runner as they are; every spelling
    // is still redacted by the action itself.
    if (moreRunnerSpellings) {
      spelled
        .flatMap((forms, index) => runnerSpellings(values[index], forms))
        .filter(form => !told.has(form))
        .slice(0, MAX_RUNNER_SPELLINGS)
        .forEach(tell)
    }
    for (const forms of spelled) {
      for (const form of forms) {
        if (this.forms.has(form)) continue
        this.forms.add(form)
        this.fresh.push(form)
        if (form.length > this.longestForm) this.longestForm = form.length
        this.formsLength += form.length
        this.stale = true
      }
    }
  }

  /** The number of spellings known. */
  get size(): number {
    return this.forms.size
  }

  /** The longest spelling of any secret: a text cut shorter than this cannot hold one whole. */
  get longest(): number {
    return this.longestForm
  }

  /** The automata, brought up to date: the small one rebuilt, merged into the large one once it grows. */
  private automata(): Automaton[] {
    if (this.stale) {
      if (this.fresh.length > Math.max(256, this.settled.length / 4)) {
        for (const form of this.fresh) this.settled.push(form)
        this.fresh = []
        this.large = new Automaton(this.settled)
        this.small = undefined
      } else {
        this.small = new Automaton(this.fresh)
      }
      this.stale = false
    }
    return [this.large, this.small].filter((automaton): automaton is Automaton => automaton !== undefined)
  }

  /** Every spelling of every secret replaced by `***`; overlapping ones as one stretch, so no part survives. */
  redact(text: string): string {
    if (this.forms.size === 0 || text.length === 0) return text
    return replaceSpans(text, this.spans(text), text.length)
  }

  /** The stretches of `text` that some spelling covers. */
  private spans(text: string): number[] {
    if (searchesOneByOne(this.forms.size, this.formsLength, text.length)) return spansByIndexOf(this.forms, text)
    return coveredSpans(this.automata(), text)
  }

  /**
   * Redaction of a text that arrives in pieces (a body on its way to a file): a secret split
   * across two pieces is still found, since the tail that could start one is held back.
   */
  streamRedactor(): StreamRedactor {
    let carry = ''
    return {
      push: chunk => {
        const text = carry + chunk
        let cut = text.length - Math.max(0, this.longest - 1)
        if (this.forms.size === 0) cut = text.length
        if (cut <= 0) {
          carry = text
          return ''
        }
        const spans = this.forms.size === 0 ? [] : this.spans(text)
        // Never cut through a secret (move the cut to the start of the one that spans it) nor
        // through a surrogate pair (half of one would be written as U+FFFD). Each move can
        // break the other rule, so both are applied until neither moves the cut (it only moves back).
        for (let moved = true; moved;) {
          moved = false
          if (cut > 0 && cut < text.length && isHighSurrogate(text.charCodeAt(cut - 1))) {
            cut--
            moved = true
          }
          for (let i = 0; i < spans.length; i += 2) {
            if (spans[i] < cut && spans[i + 1] > cut) {
              cut = spans[i]
              moved = true
            }
          }
        }
        carry = text.slice(cut)
        return cut > 0 ? replaceSpans(text, spans, cut) : ''
      },
      end: () => {
        const rest = this.redact(carry)
        carry = ''
        return rest
      }
    }
  }
}

/** Whether a text is searched with `indexOf` a spelling (else with the automaton). */
export function searchesOneByOne(spellings: number, spellingsLength: number, textLength: number): boolean {
  return spellings <= FEW_SPELLINGS && spellingsLength * textLength <= INDEX_OF_BUDGET
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

/** `text` up to `until`, with each [start, end) span that ends by then replaced by `***`. */
function replaceSpans(text: string, spans: readonly number[], until: number): string {
  if (spans.length === 0) return until === text.length ? text : text.slice(0, until)
  const parts: string[] = []
  let at = 0
  for (let i = 0; i < spans.length && spans[i + 1] <= until; i += 2) {
    parts.push(text.slice(at, spans[i]), REDACTED)
    at = spans[i + 1]
  }
  parts.push(text.slice(at, until))
  return parts.join('')
}

/** Passwords in proxy URLs (`https://user:pass@proxy:3128`): secrets of the runner's, masked too. */
export function proxyPasswords(env: NodeJS.ProcessEnv): string[] {
  const passwords: string[] = []
  for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) {
    const value = env[name]
    if (!value || !URL.canParse(value)) continue
    const { password } = new URL(value)
    if (password) passwords.push(decodeURIComponent(password))
  }
  return passwords
}
