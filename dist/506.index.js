export const id = 506;
export const ids = [506];
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


/***/ }),

/***/ 2506:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  resolveStage: () => (/* binding */ resolveStage)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/gate/flows.ts
var gate_flows = __webpack_require__(1562);
// EXTERNAL MODULE: ./src/concurrency.ts
var concurrency = __webpack_require__(1532);
// EXTERNAL MODULE: ./src/config/inputs.ts
var inputs = __webpack_require__(4389);
// EXTERNAL MODULE: ./src/gate/listing.ts
var listing = __webpack_require__(8967);
;// CONCATENATED MODULE: ./src/gate/resolve.ts




const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
async function findGatedFlows(client, wanted, options) {
    const unique = [...new Set(wanted)];
    const candidates = await (0,concurrency/* mapConcurrently */.X)(unique, entry => lookUp(client, entry, options));
    const seen = uniqueFlows(candidates.flat());
    const settled = unique.every((entry, index) => exactMatches(entry, candidates[index]).length === 1);
    if (settled) {
        const targets = resolveFlows(unique, seen, client.userId);
        return { targets, fresh: targets };
    }
    // An ambiguous name is reported from the lookup's candidates (they hold every exact match);
    // an unknown one needs the listing for its similar names.
    const unknown = unique.some((entry, index) => exactMatches(entry, candidates[index]).length === 0);
    if (!unknown)
        resolveFlows(unique, seen, client.userId);
    const all = await (0,listing/* listAllFlows */.Tv)(client, options);
    const targets = resolveFlows(unique, all, client.userId);
    return { targets, accountSize: all.length, fresh: targets };
}
/** The flows that may be `entry`: by id when it looks like one, else by name. */
async function lookUp(client, entry, options) {
    if (UUID.test(entry)) {
        const flow = await (0,listing/* readFlow */.he)(client, entry, options.deadline);
        if (flow)
            return [flow];
    }
    try {
        return await (0,listing/* listAllFlows */.Tv)(client, options, [['pattern', entry]]);
    }
    catch (error) {
        // A server that reads `pattern` as a regex refuses `Orders [EU`: the listing settles the name.
        if (error instanceof errors/* HttpError */.j$ && error.status === 400)
            return [];
        throw error;
    }
}
function uniqueFlows(flows) {
    return [...new Map(flows.map(flow => [flow.flowId, flow])).values()];
}
function exactMatches(entry, flows) {
    const byId = flows.filter(flow => flow.flowId === entry);
    return byId.length ? byId.slice(0, 1) : flows.filter(flow => flow.name === entry);
}
/** Similar names are looked for only for the first few unknown entries: the search scans the account. */
const SIMILAR_SEARCHES = 5;
/**
 * Each listed id or exact name, as one flow; every unknown or ambiguous entry is reported at
 * once. Linear in the account: one pass builds the indexes. `ownUserId` tells own flows from
 * shared ones in the message about an ambiguous name.
 */
function resolveFlows(wanted, all, ownUserId) {
    const byId = new Map();
    const byName = new Map();
    for (const flow of all) {
        byId.set(flow.flowId, flow);
        const named = byName.get(flow.name);
        if (named)
            named.push(flow);
        else
            byName.set(flow.name, [flow]);
    }
    const problems = [];
    const resolved = new Map();
    let searches = 0;
    for (const entry of wanted) {
        const matches = byId.has(entry) ? [byId.get(entry)] : (byName.get(entry) ?? []);
        if (matches.length === 1)
            resolved.set(matches[0].flowId, matches[0]);
        else if (matches.length > 1)
            problems.push(ambiguity(entry, matches, ownUserId));
        else {
            const candidates = searches++ < SIMILAR_SEARCHES ? similarNames(entry, byName.keys()) : [];
            problems.push(`no flow has the id or name ${(0,errors/* quote */.hD)(entry)}` +
                (candidates.length ? `; similar: ${candidates.map(name => (0,errors/* quote */.hD)(name)).join(', ')}` : ''));
        }
    }
    if (problems.length) {
        const shown = problems.slice(0, 10).join('. ');
        const more = problems.length > 10 ? `. And ${problems.length - 10} more entries` : '';
        throw new errors/* ActionError */.lZ(`Input 'flows': ${shown}${more}. The user can see ${all.length} flows.`);
    }
    return [...resolved.values()];
}
/** An ambiguous name: each candidate with its id, owner and type, and the `flow-filter` that would settle it. */
function ambiguity(entry, matches, ownUserId) {
    const owner = (flow) => (!ownUserId || !flow.userId ? 'owner unknown' : flow.userId === ownUserId ? 'own' : 'shared');
    const listed = matches.slice(0, 5).map(flow => `${(0,errors/* visible */.RK)(flow.flowId, 60)} (${owner(flow)}, ${(0,errors/* visible */.RK)(flow.type ?? 'no type', 40)})`);
    if (matches.length > 5)
        listed.push(`and ${matches.length - 5} more`);
    const own = matches.filter(flow => ownUserId && flow.userId === ownUserId);
    const types = new Map();
    for (const flow of matches)
        types.set(flow.type ?? '', (types.get(flow.type ?? '') ?? 0) + 1);
    const uniqueTypes = [...types.entries()].filter(([type, count]) => type && count === 1).map(([type]) => `'type:${(0,errors/* visible */.RK)(type, 40)}'`);
    const settle = own.length === 1 && ownUserId
        ? `flow-filter 'userId:${(0,errors/* visible */.RK)(ownUserId, 60)}' keeps only your own`
        : uniqueTypes.length
            ? `flow-filter ${uniqueTypes.sort().join(' or ')} keeps only one`
            : 'list the one you mean by its id';
    return `${(0,errors/* quote */.hD)(entry)} names ${matches.length} flows: ${listed.join(', ')}; ${settle}`;
}
/** Names that contain the entry (or it them), or are one or two edits away, ignoring case. */
function similarNames(entry, names) {
    const needle = entry.toLowerCase();
    const similar = [];
    for (const name of names) {
        if (!name)
            continue;
        const lower = name.toLowerCase();
        const near = Math.abs(lower.length - needle.length) <= 2 && lower.length < 200 && (0,inputs/* editDistance */.YC)(lower, needle) <= 2;
        if (lower.includes(needle) || needle.includes(lower) || near)
            similar.push(name);
        if (similar.length === 5)
            break;
    }
    return similar;
}

// EXTERNAL MODULE: ./src/step/context.ts
var context = __webpack_require__(9349);
;// CONCATENATED MODULE: ./src/gate/resolve-stage.ts
/**
 * The flows the gate (or an export) is on: each listed id or name as one flow, before any
 * command or check, and after a deploy the flows it wrote, each with the stage it must be back
 * in unless `command` or `stage` says otherwise. A flow both listed and deployed is gated as
 * listed.
 */




const resolveStage = {
    name: 'resolve',
    run: async (step) => {
        const { flows, flowFilter } = step.config.gate ?? step.config.export;
        const listed = flows.length
            ? await findGatedFlows(step.client, flows, { filters: flowFilter, deadline: (0,context/* deadlineOf */.G)(step), log: step.log })
            : { targets: [] };
        const known = new Set(listed.targets.map(flow => flow.flowId));
        const deployed = (step.deployed ?? []).filter(flow => !known.has(flow.flowId));
        // A deploy changed the flows, and the account: their state is read afresh, one by one.
        const gated = deployed.length ? { targets: [...listed.targets, ...deployed] } : listed;
        step.gated = gated;
        const count = gated.targets.length;
        // A gate over no flow would pass with nothing checked.
        if (count === 0)
            throw new errors/* ActionError */.lZ('Nothing to gate: no flow was listed or deployed');
        const doing = step.config.gate ? 'Gating on' : 'Exporting';
        step.log(`${doing} ${count} flow${count === 1 ? '' : 's'}: ${(0,gate_flows/* namesAFew */.OI)(gated.targets)}`);
        return { verdict: 'pass' };
    }
};


/***/ })

};
