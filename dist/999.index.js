export const id = 999;
export const ids = [999];
export const modules = {

/***/ 1532:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ mapConcurrently)
/* harmony export */ });
/* unused harmony export IN_FLIGHT */
/**
 * Independent requests together, a few at a time: the keep-alive agent reuses its connections,
 * and the wall time of a check is that of its slowest request, not the sum of them all.
 */
/** How many requests of one check are in flight at once. */
const IN_FLIGHT = 4;
/** `fn` over every item, at most `limit` at a time; results in the items' order; the first error wins. */
async function mapConcurrently(items, fn, limit = IN_FLIGHT) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await fn(items[index]);
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
}


/***/ }),

/***/ 1562:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Mp: () => (/* binding */ toFlowInfo),
/* harmony export */   OI: () => (/* binding */ namesAFew),
/* harmony export */   b5: () => (/* binding */ flowLabel)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/**
 * Flows as the gate sees them: the few fields it reads of each, the set it gates on, and how
 * a flow is named in messages.
 */

/** A flow as Appmixer answered it; one without a `flowId` is an answer the gate cannot read. */
function toFlowInfo(raw, from) {
    const flow = (raw ?? {});
    if (typeof flow.flowId !== 'string' || !flow.flowId) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`Appmixer at ${from.baseUrl.origin} answered a flow without a flowId; the gate cannot tell which flow it is`);
    }
    const info = (flow.stageChangeInfo ?? {});
    const text = (value) => (typeof value === 'string' ? value : undefined);
    const lastChange = [info.changedAt, info.time, flow.stage === 'running' ? flow.started : flow.stopped, flow.mtime].map(text).find(Boolean);
    return {
        flowId: text(flow.flowId) ?? '',
        name: text(flow.name) ?? '',
        stage: text(flow.stage) ?? 'unknown',
        lastChange,
        userId: text(flow.userId),
        type: text(flow.type)
    };
}
function flowLabel(flow) {
    return `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(flow.name)} (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .visible */ .RK)(flow.flowId, 60)})`;
}
/** A log line names a few flows and counts the rest, however many are gated. */
function namesAFew(flows, shown = 5) {
    const named = flows.slice(0, shown).map(flowLabel);
    if (flows.length > shown)
        named.push(`and ${flows.length - shown} more`);
    return named.join(', ');
}


/***/ }),

/***/ 3999:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkBeforeCommand: () => (/* binding */ checkBeforeCommand),
  describeProblems: () => (/* binding */ describeProblems),
  gateOutcome: () => (/* binding */ gateOutcome),
  gateRound: () => (/* binding */ gateRound),
  gateStage: () => (/* binding */ gateStage),
  readGated: () => (/* binding */ readGated)
});

// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/gate/listing.ts
var listing = __webpack_require__(8967);
// EXTERNAL MODULE: ./src/poll.ts
var src_poll = __webpack_require__(9810);
// EXTERNAL MODULE: ./src/concurrency.ts
var concurrency = __webpack_require__(1532);
;// CONCATENATED MODULE: ./src/gate/checks/accounts.ts


/** Accounts and flows named in one problem line; the rest are counted. */
const NAMED = 3;
const accountsCheck = {
    name: 'accounts',
    applies: gate => gate.checkAccounts,
    fields: ['accounts'],
    beforeCommand: true,
    run: async ({ client, targets, current, deadline }) => {
        // A flow that no longer exists has no accounts to test: the stage check says it is gone.
        const present = targets.filter(flow => current.has(flow.flowId));
        // The list of accounts (their names) is read alongside the flows' assignments: one round trip less.
        const [used, known] = await Promise.all([
            (0,concurrency/* mapConcurrently */.X)(present, flow => accountsOfFlow(client, flow, deadline)),
            listAccounts(client, deadline)
        ]);
        const ids = [...new Set(used.flat())];
        const tested = new Map((await (0,concurrency/* mapConcurrently */.X)(ids, async (accountId) => {
            const account = known.get(accountId);
            const { status, reason } = await testAccount(client, accountId, deadline);
            return { accountId, service: account?.service ?? 'unknown service', name: account?.name ?? accountId, status, reason };
        })).map(account => [account.accountId, account]));
        const perFlow = new Map();
        const usedBy = new Map();
        present.forEach((flow, index) => {
            const accounts = used[index].map(id => tested.get(id));
            for (const account of accounts)
                usedBy.set(account.accountId, [...(usedBy.get(account.accountId) ?? []), flow]);
            const bad = accounts.filter(account => account.status !== 'valid');
            perFlow.set(flow.flowId, {
                fields: { accounts: accounts.map(({ accountId, service, name, status }) => ({ accountId, service, name, status })) },
                problem: bad.length
                    ? bad.map(account => `uses account ${accountLabel(account)}, which ${statusWords(account)}`).join(', and ')
                    : undefined
            });
        });
        for (const flow of targets)
            if (!perFlow.has(flow.flowId))
                perFlow.set(flow.flowId, { fields: { accounts: null } });
        const bad = [...tested.values()].filter(account => account.status !== 'valid');
        if (!bad.length)
            return { perFlow };
        const lines = bad.map(account => `${accountLabel(account)} ${statusWords(account)}, used by ${flowNames(usedBy.get(account.accountId) ?? [])}`);
        const shown = lines.slice(0, NAMED);
        if (lines.length > NAMED)
            shown.push(`and ${lines.length - NAMED} more accounts`);
        return {
            perFlow,
            final: true,
            problem: `${bad.length} account${bad.length === 1 ? '' : 's'} not valid: ${shown.join('; ')}`,
            details: [
                'Accounts not valid (reconnect them in Appmixer, then run the step again):',
                ...lines.map(line => `- ${line}`),
                ...bad.filter(account => account.reason).map(account => `- ${accountLabel(account)}: ${account.reason}`)
            ]
        };
    }
};
/** The ids of the accounts a flow's components use, each once. */
async function accountsOfFlow(client, flow, deadline) {
    const path = `/accounts/flow/${encodeURIComponent(flow.flowId)}`;
    const body = await client.getJson(path, [], deadline);
    const where = `GET ${path} (${(0,errors/* quote */.hD)(flow.name)}) at ${client.baseUrl.origin}`;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw new errors/* ActionError */.lZ(`Could not read the accounts of a flow: ${where} answered ${describeShape(body)}, not {componentId: accountId}`);
    }
    const ids = new Set();
    for (const accountId of Object.values(body)) {
        // null: a component bound to no account.
        if (accountId === null)
            continue;
        if (typeof accountId !== 'string' || !accountId) {
            throw new errors/* ActionError */.lZ(`Could not read the accounts of a flow: ${where} answered an account id that is not a string`);
        }
        ids.add(accountId);
    }
    return [...ids];
}
/** Names and services by account id; `name` is the account's `displayName`, else its `name`. */
async function listAccounts(client, deadline) {
    const body = await client.getJson('/accounts', [], deadline);
    if (!Array.isArray(body)) {
        throw new errors/* ActionError */.lZ(`Could not list accounts: GET /accounts at ${client.baseUrl.origin} answered ${describeShape(body)}, not a list`);
    }
    const known = new Map();
    for (const item of body) {
        const account = (item ?? {});
        if (typeof account.accountId !== 'string')
            continue;
        const text = (value) => (typeof value === 'string' && value ? value : undefined);
        known.set(account.accountId, {
            name: text(account.displayName) ?? text(account.name) ?? account.accountId,
            service: text(account.service) ?? 'unknown service'
        });
    }
    return known;
}
/** One test. An unreachable Appmixer is thrown (a wait may ride it out); any answer is a status. */
async function testAccount(client, accountId, deadline) {
    let body;
    try {
        body = await client.postJson(`/accounts/${encodeURIComponent(accountId)}/test`, {}, [], deadline);
    }
    catch (error) {
        if (error instanceof errors/* HttpError */.j$)
            return { status: 'unknown', reason: `the test answered ${error.statusLine}${error.detail ? `: ${error.detail}` : ''}` };
        if (error instanceof errors/* ActionError */.lZ && error.verdict !== 'unavailable')
            return { status: 'unknown', reason: error.message };
        throw error;
    }
    return readTest(body);
}
/** `{ok: true}`, or token states every one `valid` or `refreshed`: valid; any `invalid`: invalid; anything else: unknown. */
function readTest(body) {
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
        const { ok, ...tokens } = body;
        const states = Object.values(tokens);
        // An invalid token outweighs anything else the answer says (`{ok: true, "<tokenId>": "invalid"}`).
        if (states.includes('invalid'))
            return { status: 'invalid', reason: 'a token of it is invalid' };
        const allValid = states.every(value => value === 'valid' || value === 'refreshed');
        if (allValid && (ok === true || (ok === undefined && states.length > 0)))
            return { status: 'valid' };
    }
    return { status: 'unknown', reason: `the test answered ${(0,errors/* visible */.RK)(JSON.stringify(body) ?? String(body), 80)}, not a token state` };
}
function accountLabel(account) {
    return `${(0,errors/* quote */.hD)(account.name)} (${(0,errors/* visible */.RK)(account.service, 60)})`;
}
function statusWords(account) {
    return account.status === 'invalid' ? 'is invalid' : 'could not be tested';
}
function flowNames(flows) {
    const named = flows.slice(0, NAMED).map(flow => (0,errors/* quote */.hD)(flow.name));
    if (flows.length > NAMED)
        named.push(`${flows.length - NAMED} more`);
    return named.join(', ');
}
function describeShape(body) {
    if (body === null)
        return 'null';
    if (Array.isArray(body))
        return 'a list';
    if (typeof body !== 'object')
        return typeof body;
    return (0,errors/* visible */.RK)(`an object with ${Object.keys(body).slice(0, 5).join(', ') || 'no keys'}`, 120);
}

;// CONCATENATED MODULE: ./src/gate/checks/error-budget.ts



/** Flow ids per request, to keep URLs short. */
const FLOWS_PER_REQUEST = 100;
/** Hits per request: more would only make the answer heavier. */
const MAX_HITS = 1_000;
/** Without a histogram, at most this many pages are read; a count that needs more is not complete. */
const MAX_PAGES = 20;
function errorsQuery(windowMs) {
    return `(severity:error OR level:error) AND gridTimestamp:[now-${Math.ceil(windowMs / 1000)}s TO *]`;
}
const errorBudgetCheck = {
    name: 'errors',
    readsStages: false,
    applies: gate => gate.maxErrors !== undefined,
    fields: ['errors'],
    run: async ({ client, targets, gate, deadline }) => {
        const maxErrors = gate.maxErrors;
        const ids = targets.map(flow => flow.flowId);
        const chunks = [];
        for (let start = 0; start < ids.length; start += FLOWS_PER_REQUEST)
            chunks.push(ids.slice(start, start + FLOWS_PER_REQUEST));
        const counts = await (0,concurrency/* mapConcurrently */.X)(chunks, chunk => countErrors(client, chunk, gate.errorsWindowMs, maxErrors, deadline));
        const total = counts.reduce((sum, count) => sum + count.total, 0);
        const atLeast = counts.some(count => count.atLeast);
        const partial = counts.some(count => count.partial || count.atLeast);
        const over = total > maxErrors;
        const window = (0,duration/* formatDuration */.a)(gate.errorsWindowMs);
        const perFlow = new Map();
        for (const id of ids) {
            const count = counts.reduce((sum, part) => sum + (part.perFlow.get(id) ?? 0), 0);
            const shown = partial ? `${count}+` : count;
            perFlow.set(id, {
                fields: { errors: count },
                problem: over && count ? `logged ${shown} error${count === 1 ? '' : 's'} in the last ${window}` : undefined
            });
        }
        if (!over)
            return { perFlow };
        const newest = counts.flatMap(count => count.newest).slice(0, 5);
        return {
            perFlow,
            problem: `${atLeast ? 'more than ' : ''}${atLeast ? maxErrors : total} error${total === 1 && !atLeast ? '' : 's'} in the last ${window}, budget ${maxErrors}`,
            details: newest.length ? ['Newest errors:', ...newest.map(message => `- ${message}`)] : undefined
        };
    }
};
async function countErrors(client, flowIds, windowMs, maxErrors, deadline) {
    const size = Math.min(MAX_HITS, Math.max(maxErrors + 1, 100));
    const count = { total: 0, atLeast: false, perFlow: new Map(), partial: false, newest: [] };
    let read = 0;
    for (let page = 0;; page++) {
        const query = [
            ...flowIds.map((id) => ['flowId', id]),
            ['query', errorsQuery(windowMs)],
            ['size', String(size)],
            ['from', String(read)],
            ['sort', 'gridTimestamp:desc']
        ];
        const body = await client.getJson('/logs', query, deadline);
        const hits = hitsOf(body, client);
        for (const hit of hits)
            tally(count, hit);
        read += hits.length;
        const histogram = bucketTotal(body);
        // The histogram counts every matching record, also those past this page; one that counts
        // fewer than were already read is wrong, and the count goes on by paging.
        if (histogram !== undefined && histogram >= read) {
            count.total = histogram;
            count.partial = read < count.total;
            // One flow asked about: every record the histogram counts is its own.
            if (count.partial && flowIds.length === 1) {
                count.perFlow.set(flowIds[0], count.total);
                count.partial = false;
            }
            return count;
        }
        count.total = read;
        // Without a histogram only an empty page ends the count: a server may cap a page below the size asked.
        if (hits.length === 0)
            return count;
        if (read > maxErrors) {
            // Over the budget already: the verdict is certain, the rest need not be read.
            count.atLeast = true;
            return count;
        }
        if (page + 1 >= MAX_PAGES) {
            throw new errors/* ActionError */.lZ(`Could not count errors: GET /logs at ${client.baseUrl.origin} gave more than ${MAX_PAGES} pages of hits`);
        }
    }
}
/** An answer that is not recognisably a logs answer is an unknown count, and never zero. */
function hitsOf(body, client) {
    const hits = body?.hits;
    if (Array.isArray(hits))
        return hits;
    const shape = body === null
        ? 'null'
        : typeof body !== 'object'
            ? typeof body
            : `an object with ${Object.keys(body).slice(0, 5).join(', ') || 'no keys'}`;
    throw new errors/* ActionError */.lZ(`Could not count errors: GET /logs at ${client.baseUrl.origin} answered ${(0,errors/* visible */.RK)(shape, 120)}, not {hits: […]}`);
}
/** The sum of the histogram's `doc_count`s, when the answer has a readable one. */
function bucketTotal(body) {
    const buckets = body.buckets;
    if (!Array.isArray(buckets))
        return undefined;
    let total = 0;
    for (const bucket of buckets) {
        const docs = bucket?.doc_count;
        if (typeof docs !== 'number' || !Number.isSafeInteger(docs) || docs < 0)
            return undefined;
        total += docs;
    }
    return total;
}
/** Hits come flat (as documented) or as raw Elasticsearch hits, the record under `_source`. */
function tally(count, hit) {
    const record = (hit?._source ?? hit ?? {});
    if (typeof record.flowId === 'string')
        count.perFlow.set(record.flowId, (count.perFlow.get(record.flowId) ?? 0) + 1);
    if (count.newest.length < 5) {
        const message = typeof record.msg === 'string' ? record.msg : typeof record.err === 'string' ? record.err : undefined;
        // Redacted before blanks are folded (excerpt): folding first would change a secret's spelling.
        if (message)
            count.newest.push((0,errors/* excerpt */.Kb)(message, 200));
    }
}

;// CONCATENATED MODULE: ./src/gate/checks/stage.ts
/** Every gated flow is in the wanted stage (its own expected one, else the gate's) and still exists. */

const stageCheck = {
    name: 'stage',
    applies: () => true,
    fields: [],
    run: ({ targets, current, gate }) => {
        const perFlow = new Map();
        for (const target of targets) {
            const flow = current.get(target.flowId);
            if (!flow)
                perFlow.set(target.flowId, { problem: 'no longer exists' });
            else if (flow.stage !== (target.expectedStage ?? gate.stage)) {
                perFlow.set(target.flowId, {
                    problem: `is ${(0,errors/* visible */.RK)(flow.stage, 40)}, expected ${(0,errors/* visible */.RK)(target.expectedStage ?? gate.stage, 40)}`
                });
            }
        }
        return Promise.resolve({ perFlow });
    }
};

;// CONCATENATED MODULE: ./src/gate/checks/unprocessed.ts


/** Messages a page, as the vendor's CLI asks for them. */
const UNPROCESSED_PAGE = 50;
/** A page with fewer messages than this is the last one. */
const CONFIRM_AT = 10;
/** Pages a flow may take beyond what the budget needs: the rest of a tenant's messages, on a server that ignores `flowId`. */
const SPARE_PAGES = 20;
/** Messages shown in the summary when the budget is exceeded. */
const NEWEST_SHOWN = 5;
const unprocessedCheck = {
    name: 'unprocessed',
    readsStages: false,
    applies: gate => gate.maxUnprocessed !== undefined,
    fields: ['unprocessed'],
    run: async ({ client, targets, gate, deadline }) => {
        const budget = gate.maxUnprocessed;
        // One running total, so that once the budget is exceeded no flow reads further pages.
        const shared = { total: 0 };
        const counts = await (0,concurrency/* mapConcurrently */.X)(targets, flow => countFlow(client, flow, budget, shared, deadline));
        const total = counts.reduce((sum, count) => sum + count.count, 0);
        const cut = counts.some(count => count.cut);
        const over = total > budget;
        const perFlow = new Map();
        targets.forEach((flow, index) => {
            const { count } = counts[index];
            const shown = cut ? `${count}+` : String(count);
            perFlow.set(flow.flowId, {
                fields: { unprocessed: count },
                problem: over && count ? `holds ${shown} unprocessed message${count === 1 ? '' : 's'}` : undefined
            });
        });
        if (!over)
            return { perFlow };
        const newest = counts
            .flatMap(count => count.letters)
            .sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0))
            .slice(0, NEWEST_SHOWN);
        return {
            perFlow,
            problem: `${cut ? 'more than ' : ''}${cut ? budget : total} unprocessed message${total === 1 && !cut ? '' : 's'}, budget ${budget}`,
            details: [
                'Newest unprocessed messages:',
                ...newest.map(letter => `- ${(0,errors/* quote */.hD)(letter.flow)}, component ${letter.componentId}, ${letter.created}: ${letter.error}`)
            ]
        };
    }
};
async function countFlow(client, flow, budget, shared, deadline) {
    const result = { count: 0, cut: false, letters: [] };
    const seen = new Set();
    const maxPages = Math.ceil((budget + 1) / UNPROCESSED_PAGE) + SPARE_PAGES;
    const where = `GET /unprocessed-messages for ${(0,errors/* quote */.hD)(flow.name)} at ${client.baseUrl.origin}`;
    let offset = 0;
    for (let page = 0;; page++) {
        if (page >= maxPages)
            throw new errors/* ActionError */.lZ(`Could not count unprocessed messages: ${where} gave more than ${maxPages} pages`);
        const query = [
            ['flowId', flow.flowId],
            ['offset', String(offset)],
            ['limit', String(UNPROCESSED_PAGE)]
        ];
        const body = await client.getJson('/unprocessed-messages', query, deadline);
        if (!Array.isArray(body))
            throw new errors/* ActionError */.lZ(`Could not count unprocessed messages: ${where} answered ${shapeOf(body)}, not a list`);
        let fresh = 0;
        for (const item of body) {
            const message = (item ?? {});
            const id = typeof message.messageId === 'string' ? message.messageId : undefined;
            if (id !== undefined) {
                if (seen.has(id))
                    continue;
                seen.add(id);
            }
            fresh++;
            // A server that ignores `flowId` answers the messages of every flow: only this one's count.
            if (message.flowId !== flow.flowId)
                continue;
            result.count++;
            shared.total++;
            result.letters.push(letterOf(flow, message));
        }
        offset += body.length;
        // A page of a few messages is the last; a longer short page is confirmed by the next, since a
        // server may give fewer messages a page than asked.
        if (body.length < CONFIRM_AT)
            return result;
        if (fresh === 0) {
            // The same messages again: the server ignores paging. It gave them all at once when the
            // page was longer than asked; a page of `limit` or fewer may be its own cap, hiding more.
            if (body.length > UNPROCESSED_PAGE)
                return result;
            throw new errors/* ActionError */.lZ(`Could not count unprocessed messages: ${where} answered the same page for offset ${offset - body.length}; it seems to ignore offset`);
        }
        if (shared.total > budget) {
            // Over the budget already: the verdict is certain, the rest need not be read.
            result.cut = true;
            return result;
        }
    }
}
function letterOf(flow, message) {
    return {
        flow: flow.name,
        componentId: typeof message.componentId === 'string' ? (0,errors/* visible */.RK)(message.componentId, 40) : '?',
        created: typeof message.created === 'string' ? (0,errors/* visible */.RK)(message.created, 40) : 'at an unknown time',
        error: errorOf(message.err)
    };
}
/** `err` is a stringified error object: its `message`, else an excerpt of the text. Redacted either way. */
function errorOf(err) {
    if (typeof err !== 'string')
        return err === undefined || err === null ? 'no error recorded' : (0,errors/* excerpt */.Kb)(JSON.stringify(err), 160);
    try {
        const parsed = JSON.parse(err);
        if (typeof parsed?.message === 'string' && parsed.message)
            return (0,errors/* excerpt */.Kb)(parsed.message, 160);
    }
    catch {
        // not JSON: the text as it is
    }
    return (0,errors/* excerpt */.Kb)(err, 160);
}
function shapeOf(body) {
    if (body === null)
        return 'null';
    if (typeof body !== 'object')
        return typeof body;
    return (0,errors/* visible */.RK)(`an object with ${Object.keys(body).slice(0, 5).join(', ') || 'no keys'}`, 120);
}

;// CONCATENATED MODULE: ./src/gate/checks/index.ts




const GATE_CHECKS = [stageCheck, errorBudgetCheck, unprocessedCheck, accountsCheck];

;// CONCATENATED MODULE: ./src/gate/round.ts


async function checkRound(input) {
    const reading = Promise.resolve(input.current).then(flows => new Map(flows.map(flow => [flow.flowId, flow])));
    const active = GATE_CHECKS.filter(check => check.applies(input.gate) && (input.only?.(check) ?? true));
    const results = await Promise.all(active.map(async (check) => check.readsStages === false ? check.run({ ...input, current: new Map() }) : check.run({ ...input, current: await reading })));
    const current = await reading;
    const nullFields = Object.fromEntries(GATE_CHECKS.filter(check => !active.includes(check)).flatMap(check => check.fields.map(field => [field, null])));
    const verdicts = input.targets.map((target) => {
        const flow = current.get(target.flowId);
        const findings = results.map(result => result.perFlow.get(target.flowId));
        const problems = findings.map(finding => finding?.problem).filter((problem) => Boolean(problem));
        return {
            flowId: target.flowId,
            name: flow?.name ?? target.name,
            stage: flow?.stage ?? 'missing',
            lastChange: flow?.lastChange,
            fields: Object.assign({}, nullFields, ...findings.map(finding => finding?.fields ?? {})),
            problem: problems.length ? problems.join(', and ') : undefined
        };
    });
    const problems = results.map(result => result.problem).filter((problem) => Boolean(problem));
    const failing = verdicts.filter(flow => flow.problem);
    return {
        met: failing.length === 0 && problems.length === 0,
        flows: [...failing, ...verdicts.filter(flow => !flow.problem)],
        problems,
        details: results.flatMap(result => (result.problem ? (result.details ?? []) : [])),
        final: results.some(result => result.final)
    };
}
/** What holds the gate back, in one line, however many flows: the shared problems, then a few flows. */
function pendingLine(result, shown = 3) {
    const holding = result.flows.filter(flow => flow.problem);
    const named = holding.slice(0, shown).map(flow => `${(0,errors/* quote */.hD)(flow.name)} ${flow.problem}`);
    if (holding.length > shown)
        named.push(`and ${holding.length - shown} more flows`);
    return [...result.problems, ...named].join('; ');
}
/** Output `flows`: what a later step needs of each gated flow. */
function flowsOutput(flows) {
    return flows.map(({ flowId, name, stage, fields }) => ({ flowId, name, stage, ...fields }));
}

// EXTERNAL MODULE: ./src/step/context.ts
var context = __webpack_require__(9349);
// EXTERNAL MODULE: ./src/step/outcome.ts
var outcome = __webpack_require__(4466);
// EXTERNAL MODULE: ./src/gate/flows.ts
var gate_flows = __webpack_require__(1562);
// EXTERNAL MODULE: ./src/summary.ts
var summary = __webpack_require__(8855);
;// CONCATENATED MODULE: ./src/gate/summary.ts



/** Rows of the flow table; the rest are in output `flows`. */
const MAX_SUMMARY_FLOWS = 300;
/** GitHub shows ten error annotations a step: the step's own error and nine flows at most. */
const MAX_FLOW_ANNOTATIONS = 9;
function gateAnnotations(flows) {
    return flows
        .filter(flow => flow.problem)
        .slice(0, MAX_FLOW_ANNOTATIONS)
        .map(flow => ({ level: 'error', message: `Flow ${(0,gate_flows/* flowLabel */.b5)(flow)} ${flow.problem}`, title: 'Appmixer flow gate' }));
}
function gateSummary(config, last, now) {
    const gate = config.gate;
    const flows = last?.flows ?? [];
    // After a deploy without command or stage, each deployed flow must be back in its stage before it.
    const stage = config.deploy?.keepStages
        ? `${gate.flows.length ? `**${gate.stage}** (the listed ones) or ` : ''}back in their stage before the deploy`
        : `**${gate.stage}**`;
    const checks = [`${flows.length || gate.flows.length} flow${(flows.length || gate.flows.length) === 1 ? '' : 's'} must be ${stage}`];
    if (gate.command)
        checks.push(`after **${gate.command}**`);
    if (gate.maxErrors !== undefined) {
        checks.push(`at most **${gate.maxErrors}** error${gate.maxErrors === 1 ? '' : 's'} in the last ${(0,duration/* formatDuration */.a)(gate.errorsWindowMs)}`);
    }
    if (gate.maxUnprocessed !== undefined) {
        checks.push(`at most **${gate.maxUnprocessed}** unprocessed message${gate.maxUnprocessed === 1 ? '' : 's'}`);
    }
    if (gate.checkAccounts)
        checks.push('their accounts valid');
    const { waitMs } = config.waiting;
    if (waitMs > 0)
        checks.push(`waiting up to ${(0,duration/* formatDuration */.a)(waitMs)}`);
    const columns = [...new Set(flows.flatMap(flow => Object.keys(flow.fields)))].filter(field => flows.some(flow => flow.fields[field] !== null));
    const cell = (value) => value === null || value === undefined
        ? '–'
        : typeof value === 'number'
            ? String(value)
            : Array.isArray(value) && value.every(isAccount)
                ? value.map(account => `${account.status === 'valid' ? '✅' : '❌'} ${(0,summary/* escapeCell */.kq)(account.name)}`).join(', ') || 'none'
                : (0,summary/* escapeCell */.kq)(JSON.stringify(value));
    const rows = flows.slice(0, MAX_SUMMARY_FLOWS).map(flow => {
        const state = flow.problem ? `❌ ${(0,summary/* escapeCell */.kq)(flow.problem)}` : '✅';
        const extra = columns.map(column => ` ${cell(flow.fields[column])} |`).join('');
        return `| ${(0,summary/* escapeCell */.kq)(flow.name)} | ${(0,summary/* code */.aY)((0,summary/* shortId */.m_)(flow.flowId))} | ${(0,summary/* escapeCell */.kq)(flow.stage)} |${extra} ${(0,summary/* escapeCell */.kq)((0,summary/* readableTime */.GI)(flow.lastChange, now))} | ${state} |`;
    });
    const lines = [`Flow gate: ${checks.join(', ')}.`, ''];
    for (const problem of last?.problems ?? [])
        lines.push(`> ${(0,summary/* escapeCell */.kq)(problem)}`, '');
    if (last?.details.length)
        lines.push(...last.details.map(line => `> ${(0,summary/* escapeCell */.kq)(line)}`), '');
    if (rows.length) {
        const heads = columns.map(column => ` ${column[0].toUpperCase()}${column.slice(1)} |`).join('');
        lines.push(`| Flow | Id | Stage |${heads} Last change | Verdict |`, `| --- | --- | --- |${columns.map(() => ' --- |').join('')} --- | --- |`, ...rows);
    }
    if (flows.length > MAX_SUMMARY_FLOWS)
        lines.push('', `…and ${flows.length - MAX_SUMMARY_FLOWS} more flows (see output \`flows\`).`);
    return lines.join('\n');
}
/** An entry of a flow's `accounts`: shown as its name and a mark. */
function isAccount(value) {
    const entry = value;
    return typeof entry?.name === 'string' && typeof entry.status === 'string';
}

// EXTERNAL MODULE: ./src/value.ts
var src_value = __webpack_require__(9522);
;// CONCATENATED MODULE: ./src/gate/gate-stage.ts










const gateStage = {
    name: 'gate',
    run: async (step) => {
        const gate = step.config.gate;
        const { waitMs, pollIntervalMs } = step.config.waiting;
        let last;
        const poll = await (0,src_poll/* pollUntil */.g)(async (deadline) => {
            last = await gateRound(step, deadline);
            // A check that waiting cannot heal (an invalid account) ends the wait at once.
            if (last.final)
                throw new UnhealableRound(last);
            return { met: last.met, detail: last, pending: pendingLine(last) };
        }, { waitMs, intervalMs: pollIntervalMs, clock: step.clock, onProgress: step.log, startedAt: step.waitStartedAt }).catch((error) => {
            if (error instanceof UnhealableRound)
                return { verdict: 'fail', last: undefined, polls: 0 };
            throw error;
        });
        if (poll.verdict === 'pass')
            step.log(passLine(last, gate));
        const problem = poll.verdict === 'pass'
            ? undefined
            : poll.verdict === 'unavailable'
                ? poll.unavailable.message
                : `Flow gate ${poll.verdict === 'timeout' ? `timed out after waiting ${(0,duration/* formatDuration */.a)(waitMs)}` : 'failed'}: ${describeProblems(last)}`;
        return gateOutcome(step, poll.verdict, last, problem);
    }
};
/**
 * The checks due before any command is sent (the accounts): a failing outcome naming what is
 * wrong, so that no command is sent, or undefined when they hold (or none applies).
 */
async function checkBeforeCommand(step) {
    const gate = step.config.gate;
    if (!GATE_CHECKS.some(check => check.beforeCommand && check.applies(gate)))
        return undefined;
    const gated = step.gated;
    const result = await checkRound({
        client: step.client,
        gate,
        targets: gated.targets,
        current: gated.fresh ?? gated.targets,
        clock: step.clock,
        deadline: (0,context/* deadlineOf */.G)(step),
        log: step.log,
        only: check => check.beforeCommand === true
    });
    if (result.met)
        return undefined;
    return gateOutcome(step, 'fail', result, `No ${gate.command ?? 'command'} sent: ${describeProblems(result)}`);
}
/** One round over the current state: the stages read now, or just read by an earlier stage. */
async function gateRound(step, deadline = (0,context/* deadlineOf */.G)(step)) {
    const gate = step.config.gate;
    const gated = step.gated;
    // Not awaited here: checks that read no stage run while the stages are read.
    const current = gated.fresh ?? readGated(step, deadline);
    gated.fresh = undefined;
    return checkRound({ client: step.client, gate, targets: gated.targets, current, clock: step.clock, deadline, log: step.log });
}
/** The current state of the gated flows, read now. */
function readGated(step, deadline = (0,context/* deadlineOf */.G)(step)) {
    const gated = step.gated;
    return (0,listing/* readFlows */.m3)(step.client, gated.targets, gated.accountSize, { filters: step.config.gate.flowFilter, deadline });
}
function gateOutcome(step, verdict, last, problem) {
    const flows = last?.flows ?? [];
    let value;
    try {
        value = step.config.select ? (0,src_value/* valueText */.R)(step.config.select.evaluate(flowsOutput(flows))) : undefined;
    }
    catch (error) {
        // A `select` that fails over output `flows` fails the step; the gate's own outputs still stand.
        const failed = (0,outcome/* errorOutcome */.zY)(error);
        verdict = failed.verdict;
        problem = problem ? `${problem}; and ${failed.problem}` : failed.problem;
    }
    return {
        verdict,
        problem,
        status: 200,
        title: `gate on ${gatedNames(step)}`,
        outputs: [(0,outcome/* sized */.Sk)('flows', JSON.stringify(flowsOutput(flows))), ...(value === undefined ? [] : [(0,outcome/* sized */.Sk)('value', value)])],
        annotations: verdict === 'fail' || verdict === 'timeout' ? gateAnnotations(flows) : [],
        summary: gateSummary(step.config, last, step.clock.now())
    };
}
/** `'Orders sync', 'Invoice mailer'`, or `12 flows`: a heading names what was gated. */
function gatedNames(step) {
    const targets = step.gated?.targets ?? [];
    if (targets.length === 0 || targets.length > 3)
        return `${targets.length || step.config.gate.flows.length} flows`;
    return targets.map(flow => (0,errors/* quote */.hD)(flow.name, 40)).join(', ');
}
/** `2 of 3 flows not as required: 'Orders sync' is stopped, expected running; …` */
function describeProblems(last) {
    if (!last)
        return 'no check completed';
    const holding = last.flows.filter(flow => flow.problem);
    const flows = holding.length ? `${holding.length} of ${last.flows.length} flows not as required` : '';
    return ([last.problems.join('; '), flows].filter(Boolean).join('; ') +
        (holding.length ? `: ${pendingLine({ flows: last.flows, problems: [] }, 10)}` : ''));
}
/** The stages read in the passing round: each flow's expected one (after a deploy they may differ). */
function passLine(last, gate) {
    const budget = (gate.maxErrors !== undefined ? ', within the error budget' : '') +
        (gate.maxUnprocessed !== undefined ? ', within the unprocessed budget' : '') +
        (gate.checkAccounts ? ', their accounts valid' : '');
    const stages = [...new Set(last.flows.map(flow => flow.stage))];
    const stage = stages.length === 1 ? (0,errors/* visible */.RK)(stages[0], 40) : stages.length === 0 ? gate.stage : 'in the stage expected of it';
    return last.flows.length === 1
        ? `Flow ${(0,errors/* quote */.hD)(last.flows[0].name)} is ${stage}${budget}`
        : `All ${last.flows.length} flows are ${stage}${budget}`;
}
/** A round whose problem waiting cannot heal. */
class UnhealableRound extends Error {
    round;
    constructor(round) {
        super('final');
        this.round = round;
    }
}


/***/ }),

/***/ 8967:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Tv: () => (/* binding */ listAllFlows),
/* harmony export */   he: () => (/* binding */ readFlow),
/* harmony export */   m3: () => (/* binding */ readFlows)
/* harmony export */ });
/* unused harmony exports PAGE_SIZE, MAX_PAGES, PROJECTION */
/* harmony import */ var _concurrency_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1532);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _flows_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1562);



const PAGE_SIZE = 100;
/** A listing longer than this many pages (100,000 flows) is not an account, it is a server gone wrong. */
const MAX_PAGES = 1_000;
const PROJECTION = 'flowId,name,stage,stageChangeInfo,mtime,started,stopped,userId,type';
/** A page with fewer flows than this is the last; a longer short page is confirmed by the next (a server may cap pages). */
const CONFIRM_AT = 10;
/** A unique field, so offset paging neither skips a flow nor shows one twice. */
const SORT = 'flowId:1';
/** Every page of `GET /flows`, with `extra` parameters (a `pattern`) when given. */
async function listAllFlows(client, options = {}, extra = []) {
    const flows = new Map();
    let offset = 0;
    for (let pages = 1;; pages++) {
        // One flow more than a page tells whether another page follows, so 300 flows cost 3
        // requests, not 4 (the last one empty).
        const query = [
            ['projection', PROJECTION],
            ['sort', SORT],
            ...extra,
            ...(options.filters ?? []).map((filter) => ['filter', filter]),
            ['offset', String(offset)],
            ['limit', String(PAGE_SIZE + 1)]
        ];
        const page = await client.getJson('/flows', query, options.deadline);
        if (!Array.isArray(page))
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`GET /flows at ${client.baseUrl.origin} did not answer with a list of flows`);
        const before = flows.size;
        // Every flow a page brings counts, also past the limit asked for (a server may ignore it).
        for (const raw of page) {
            const flow = (0,_flows_js__WEBPACK_IMPORTED_MODULE_1__/* .toFlowInfo */ .Mp)(raw, client);
            if (!flows.has(flow.flowId))
                flows.set(flow.flowId, flow);
        }
        if (page.length < CONFIRM_AT)
            break;
        if (flows.size === before) {
            // A server that ignores `offset` answers the same page again. One that also ignored
            // `limit` gave every flow at once; one that kept to it hides the rest.
            if (page.length <= PAGE_SIZE + 1) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`GET /flows at ${client.baseUrl.origin} answered the same ${page.length} flows at offset ${offset}: it ignores offset, so the listing cannot be completed`);
            }
            options.log?.(`GET /flows paging looked broken: page ${pages} brought no new flows, so the listing stops at ${flows.size} flows`);
            break;
        }
        // A page shorter than asked ends the listing only when it is short indeed: a server may
        // give fewer flows a page than asked, and the next page then tells.
        offset += Math.min(page.length, PAGE_SIZE);
        if (pages >= MAX_PAGES) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ(`GET /flows at ${client.baseUrl.origin} gave more than ${MAX_PAGES} pages; its paging looks broken`);
        }
    }
    return [...flows.values()];
}
/** One flow by id; undefined when Appmixer has none with that id (a 404). */
async function readFlow(client, flowId, deadline) {
    try {
        return (0,_flows_js__WEBPACK_IMPORTED_MODULE_1__/* .toFlowInfo */ .Mp)(await client.getJson(`/flows/${encodeURIComponent(flowId)}`, [['projection', PROJECTION]], deadline), client);
    }
    catch (error) {
        // A deleted flow is a verdict (it no longer exists), not an error.
        if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$ && error.status === 404)
            return undefined;
        throw error;
    }
}
/**
 * The current state of the gated flows: one `GET /flows/:id` each, together, unless the account
 * is known to be smaller in pages than the gate is in flows (then the listing is cheaper).
 */
async function readFlows(client, targets, accountSize, options = {}) {
    if (accountSize !== undefined && targets.length > Math.ceil(accountSize / PAGE_SIZE)) {
        // The listing holds the whole account: only the gated flows are current flows of the gate.
        const ids = new Set(targets.map(target => target.flowId));
        return (await listAllFlows(client, options)).filter(flow => ids.has(flow.flowId));
    }
    const found = await (0,_concurrency_js__WEBPACK_IMPORTED_MODULE_2__/* .mapConcurrently */ .X)(targets, target => readFlow(client, target.flowId, options.deadline));
    return found.filter((flow) => flow !== undefined);
}


/***/ })

};
