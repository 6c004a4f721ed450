export const id = 700;
export const ids = [700];
export const modules = {

/***/ 6674:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gv: () => (/* binding */ isObject),
/* harmony export */   c4: () => (/* binding */ isNotFound),
/* harmony export */   mX: () => (/* binding */ segment)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/**
 * The few Appmixer calls flows as code needs, as an interface of its own: these modules know
 * nothing of sign-in, retries or timeouts, and a test or another client can stand behind it.
 * An error status must reject with an `HttpError` (its `status` tells a missing flow apart).
 */

/** A path segment from a file or an answer, encoded: an id must never reach another endpoint. */
function segment(id) {
    return encodeURIComponent(id);
}
/** Whether a request failed because what it names does not exist. */
function isNotFound(error) {
    return error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .HttpError */ .j$ && error.status === 404;
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}


/***/ }),

/***/ 8464:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ canonicalJson)
/* harmony export */ });
/**
 * Canonical JSON: object keys sorted, so the same value always gives the same text, whatever
 * order a server sent its keys in. Flow files are written with it (a diff shows only real
 * changes) and plans compare with it (key order is never a change). The keys are emitted in the
 * order chosen here, not the object's own: JavaScript puts integer-like keys first.
 */
/**
 * The value as JSON text with sorted keys; `indent` 0 gives the compact form. `topOrder`, when
 * given, orders the top-level keys instead (keys not in it come after, sorted).
 */
function canonicalJson(value, indent = 0, topOrder) {
    return emit(value, indent, '', topOrder);
}
function emit(value, indent, outer, order) {
    if (Array.isArray(value)) {
        if (value.length === 0)
            return '[]';
        const inner = outer + ' '.repeat(indent);
        const items = value.map(item => emit(item === undefined ? null : item, indent, inner));
        return wrap('[', ']', items, indent, inner, outer);
    }
    if (typeof value === 'object' && value !== null) {
        const record = value;
        const keys = orderedKeys(Object.keys(record).filter(key => record[key] !== undefined), order);
        if (keys.length === 0)
            return '{}';
        const inner = outer + ' '.repeat(indent);
        const colon = indent > 0 ? ': ' : ':';
        const members = keys.map(key => `${JSON.stringify(key)}${colon}${emit(record[key], indent, inner)}`);
        return wrap('{', '}', members, indent, inner, outer);
    }
    // Primitives as JSON itself writes them (a non-finite number becomes null).
    return JSON.stringify(value) ?? 'null';
}
function orderedKeys(keys, order) {
    const sorted = [...keys].sort();
    if (!order)
        return sorted;
    const first = order.filter(key => keys.includes(key));
    return [...first, ...sorted.filter(key => !order.includes(key))];
}
function wrap(open, close, parts, indent, inner, outer) {
    if (indent === 0)
        return `${open}${parts.join(',')}${close}`;
    return `${open}\n${inner}${parts.join(`,\n${inner}`)}\n${outer}${close}`;
}


/***/ }),

/***/ 3700:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ROLLOUT_INTERVAL_MS: () => (/* binding */ ROLLOUT_INTERVAL_MS),
  deployStage: () => (/* binding */ deployStage),
  prepareDeploy: () => (/* binding */ prepareDeploy)
});

// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/poll.ts
var src_poll = __webpack_require__(9810);
// EXTERNAL MODULE: ./src/step/outcome.ts
var outcome = __webpack_require__(4466);
// EXTERNAL MODULE: ./src/flows-as-code/api.ts
var flows_as_code_api = __webpack_require__(6674);
// EXTERNAL MODULE: ./src/flows-as-code/flow-file.ts
var flow_file = __webpack_require__(1483);
;// CONCATENATED MODULE: ./src/flows-as-code/deploy-body.ts
/**
 * What a deploy sends for a flow file: the file's fields, with what the file leaves out on
 * purpose taken from the live flow. A component's `version` is the engine's stamp (without it
 * the engine re-resolves a component against a default version and can strip its transforms),
 * and its `config.properties.account` is the target tenant's binding; a file written by export
 * holds neither the account nor, when Appmixer had not stamped one, the version.
 */


/** The fields of a flow a deploy writes (`PUT /flows/:id`), in flow file order. */
const WRITTEN_FIELDS = ['name', 'description', 'type', 'customFields', 'flow'];
/**
 * The body of `PUT /flows/:id` for `file`, given the live flow (absent for a created flow). A
 * field the file leaves out is not sent, so Appmixer keeps it as it is.
 */
function deployBody(file, live) {
    const liveFlow = (0,flows_as_code_api/* isObject */.Gv)(live) && (0,flows_as_code_api/* isObject */.Gv)(live.flow) ? live.flow : {};
    const flow = {};
    for (const [id, component] of Object.entries(file.flow))
        flow[id] = withLiveDefaults(component, liveFlow[id]);
    const body = {};
    for (const field of WRITTEN_FIELDS)
        if (file[field] !== undefined)
            body[field] = file[field];
    return { ...body, flow };
}
/**
 * A component with the live one's version and account when it has none and is still the same
 * kind of component: another type's version or account would be wrong for it.
 */
function withLiveDefaults(component, live) {
    if (!(0,flows_as_code_api/* isObject */.Gv)(live) || live.type !== component.type)
        return component;
    let merged = component;
    if (component.version === undefined && live.version !== undefined)
        merged = { ...merged, version: live.version };
    const account = (0,flow_file/* accountProperty */.FS)(live);
    if ((0,flow_file/* accountProperty */.FS)(component) === undefined && account !== undefined)
        merged = (0,flow_file/* withAccountProperty */.jN)(merged, account);
    return merged;
}

;// CONCATENATED MODULE: ./src/flows-as-code/apply.ts
/**
 * Applies planned flow files to the tenant, in the vendor's order. For each flow that would
 * change: read the live flow and its account assignments first (a plain `PUT` drops them); a
 * running flow is stopped, updated with `forceUpdate=true`, re-bound and started again; a
 * stopped one is updated and re-bound and stays stopped; an absent one is created with its id
 * (`PUT /flows/:id`, as the vendor's transfer does) and stays stopped, as Appmixer creates it.
 * An unchanged flow gets no request at all.
 */



/**
 * A deploy that failed part way, with what it had changed by then, so an `if: failure()` step
 * can put back exactly that (a flow stopped for an update that then failed says `stop`).
 */
class DeployError extends errors/* ActionError */.lZ {
    changed;
    name = 'DeployError';
    constructor(message, changed) {
        super(message);
        this.changed = changed;
    }
}
/** Stages in which a flow runs, or is on its way to: it is stopped for the update and started again. */
const RUNNING = new Set(['running', 'starting']);
/** Applies each plan that is not `unchanged`, one flow after another; returns what it changed. */
async function applyPlans(api, planned) {
    const changed = [];
    for (const { plan, source } of planned) {
        if (plan.change === 'unchanged')
            continue;
        try {
            await applyOne(api, source, plan.name, entry => {
                const at = changed.findIndex(known => known.flowId === entry.flowId);
                if (at >= 0)
                    changed[at] = entry;
                else
                    changed.push(entry);
            });
        }
        catch (error) {
            const reason = (0,errors/* errorMessage */.gJ)(error);
            throw new DeployError(`Deploying ${(0,errors/* quote */.hD)(source.file)} (flow ${(0,errors/* quote */.hD)(plan.name)}) failed: ${reason}`, [...changed]);
        }
    }
    return changed;
}
async function applyOne(api, { flow: file }, name, record) {
    const id = (0,flows_as_code_api/* segment */.mX)(file.flowId);
    const live = await readLive(api, id);
    if (live === undefined) {
        const answer = await api.putJson(`/flows/${id}`, deployBody(file));
        // Appmixer must have taken the id: a flow created under another one would be deployed twice.
        if ((0,flows_as_code_api/* isObject */.Gv)(answer) && typeof answer.flowId === 'string' && answer.flowId !== file.flowId) {
            throw new errors/* ActionError */.lZ(`Appmixer created it as ${(0,errors/* quote */.hD)(answer.flowId)} instead of ${(0,errors/* quote */.hD)(file.flowId)}`);
        }
        record({ flowId: file.flowId, name, action: 'create', before: 'absent', after: 'stopped' });
        return;
    }
    const stage = typeof live.stage === 'string' ? live.stage : 'unknown';
    const assignments = accountAssignments(await api.getJson(`/accounts/flow/${id}`));
    const body = deployBody(file, live);
    const running = RUNNING.has(stage);
    if (running) {
        try {
            await api.postJson(`/flows/${id}/coordinator`, { command: 'stop' });
        }
        catch (error) {
            // A stop whose answer was lost may still have happened: output `changed` names it, so an
            // `if: failure()` step can start the flow again.
            if ((0,errors/* isUnavailable */.Pd)(error))
                record({ flowId: file.flowId, name, action: 'stop', before: stage, after: 'unknown' });
            throw error;
        }
        record({ flowId: file.flowId, name, action: 'stop', before: stage, after: 'stopped' });
    }
    // Anything but a stopped flow needs forceUpdate; a stopped one is updated as the docs show it.
    await api.putJson(`/flows/${id}`, body, stage === 'stopped' ? [] : [['forceUpdate', 'true']]);
    const after = running ? 'stopped' : stage;
    record({ flowId: file.flowId, name, action: 'update', before: stage, after });
    for (const [componentId, accountId] of assignments) {
        if (componentId in body.flow)
            await api.putJson(`/auth/component/${(0,flows_as_code_api/* segment */.mX)(componentId)}/${(0,flows_as_code_api/* segment */.mX)(accountId)}`, {});
    }
    if (running) {
        await api.postJson(`/flows/${id}/coordinator`, { command: 'start' });
        record({ flowId: file.flowId, name, action: 'update', before: stage, after: 'running' });
    }
}
/** `GET /flows/:id` (`id` already path-encoded, see `segment`), or undefined when the flow does not exist (yet). */
async function readLive(api, id) {
    try {
        const answer = await api.getJson(`/flows/${id}`);
        if (!(0,flows_as_code_api/* isObject */.Gv)(answer) || !(0,flows_as_code_api/* isObject */.Gv)(answer.flow))
            throw new errors/* ActionError */.lZ('Appmixer answered the flow read with something that is not a flow');
        return answer;
    }
    catch (error) {
        if ((0,flows_as_code_api/* isNotFound */.c4)(error))
            return undefined;
        throw error;
    }
}
/**
 * Component → account of `GET /accounts/flow/:flowId`: `{componentId: accountId | null}` (vendor
 * tooling), or a list of `{componentId, accountId}`. Anything else fails before the flow is
 * written: a write that cannot put the bindings back must not be made.
 */
function accountAssignments(answer) {
    const pairs = Array.isArray(answer)
        ? answer.map(item => ((0,flows_as_code_api/* isObject */.Gv)(item) ? [item.componentId, item.accountId] : [undefined, undefined]))
        : (0,flows_as_code_api/* isObject */.Gv)(answer)
            ? Object.entries(answer)
            : [[undefined, undefined]];
    const bound = [];
    for (const [componentId, accountId] of pairs) {
        if (accountId === null || accountId === undefined) {
            if (typeof componentId === 'string')
                continue;
        }
        else if (typeof componentId === 'string' && typeof accountId === 'string' && accountId !== '') {
            bound.push([componentId, accountId]);
            continue;
        }
        throw new errors/* ActionError */.lZ("Appmixer's account assignments of the flow (GET /accounts/flow/:flowId) could not be read, so the flow was not written");
    }
    return bound.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

// EXTERNAL MODULE: ./src/flows-as-code/canonical.ts
var canonical = __webpack_require__(8464);
;// CONCATENATED MODULE: ./src/flows-as-code/plan.ts
/**
 * What a deploy would change: a flow file against the live flow, per flow and per component.
 * Pure. It compares what a deploy would send (`deployBody`) with what Appmixer holds, in
 * canonical JSON, so key order is never a change, and neither is a `version` or an account the
 * file leaves out (the deploy keeps the live ones).
 */



/** The plan for one flow file; `live` is `GET /flows/:id`'s answer, or undefined when the flow is absent. */
function planFlow({ file, flow }, live) {
    const name = flow.name ?? ((0,flows_as_code_api/* isObject */.Gv)(live) && typeof live.name === 'string' ? live.name : flow.flowId);
    const fileIds = Object.keys(flow.flow).sort();
    if (live === undefined) {
        return { flowId: flow.flowId, name, file, change: 'create', components: { added: fileIds, removed: [], changed: [] }, fields: [] };
    }
    const body = deployBody(flow, live);
    const held = (0,flows_as_code_api/* isObject */.Gv)(live) ? live : {};
    const heldFlow = (0,flows_as_code_api/* isObject */.Gv)(held.flow) ? held.flow : {};
    const same = (a, b) => (0,canonical/* canonicalJson */.d)(a) === (0,canonical/* canonicalJson */.d)(b);
    const added = fileIds.filter(id => !(id in heldFlow));
    const removed = Object.keys(heldFlow)
        .filter(id => !(id in body.flow))
        .sort();
    const changed = fileIds.filter(id => id in heldFlow && !same(body.flow[id], heldFlow[id]));
    const fields = WRITTEN_FIELDS.filter(field => field !== 'flow' && field in body && !same(body[field], held[field]));
    const change = added.length + removed.length + changed.length + fields.length > 0 ? 'update' : 'unchanged';
    return { flowId: flow.flowId, name, file, change, components: { added, removed, changed }, fields };
}

;// CONCATENATED MODULE: ./src/flows-as-code/deploy.ts
/**
 * The deploy's reading half: the live flow of each file (`GET /flows/:id`, a 404 meaning
 * absent) and the plan against it. `plan` and `check` stop here; `apply` hands the result to
 * `applyPlans`, which reads each flow again just before writing it.
 */



/** Plans every file, in file order; only reads. */
async function planDeploy(api, files) {
    const planned = [];
    for (const source of files) {
        const live = await readLive(api, (0,flows_as_code_api/* segment */.mX)(source.flow.flowId));
        const text = (value) => (typeof value === 'string' ? value : undefined);
        planned.push({ plan: planFlow(source, live), source, live: live && { stage: text(live.stage), type: text(live.type) } });
    }
    return planned;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/input-parsers.ts
var input_parsers = __webpack_require__(926);
;// CONCATENATED MODULE: ./src/flows-as-code/read-deploy.ts
/**
 * Reads the flow files of a `deploy` path (a folder, or one file) before any request: every
 * problem with them is bad input, found while nothing has been changed yet.
 */





/**
 * The flow files `input` names, relative to `workspace`. Its real path must lie inside the
 * workspace's real path (a link must not lead a deploy outside the repository); in a folder,
 * only `*.json` files are read and symbolic links are left out, since one could point anywhere.
 * A file that is not a flow, one without `flowId`, or two files with one `flowId` fail, naming
 * the files.
 */
async function readDeployFiles(input, workspace) {
    const bad = (problem) => new errors/* InputError */.dz('deploy', problem);
    const realWorkspace = await (0,promises_.realpath)(workspace);
    const target = external_node_path_default().resolve(workspace, input);
    const real = await (0,promises_.realpath)(target).catch(() => undefined);
    if (!real)
        throw bad(`${(0,errors/* quote */.hD)(input)} does not exist in the workspace`);
    if (!(0,input_parsers/* isInside */.FK)(realWorkspace, real))
        throw bad(`${(0,errors/* quote */.hD)(input)} resolves outside the workspace; give a path inside the repository`);
    const shown = (file) => external_node_path_default().relative(workspace, file).split((external_node_path_default()).sep).join('/');
    const notes = [];
    // Read through the real path that was checked (a link is not followed a second time); named by the path given.
    let paths;
    if ((await (0,promises_.stat)(real)).isDirectory()) {
        paths = [];
        const entries = (await (0,promises_.readdir)(real, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) {
            const name = shown(external_node_path_default().join(target, entry.name));
            if (entry.isSymbolicLink())
                notes.push(`Left out ${(0,errors/* quote */.hD)(name)}: a symbolic link (it could point outside the repository)`);
            else if (entry.isDirectory())
                notes.push(`Left out ${(0,errors/* quote */.hD)(name)}: a folder (deploy reads the flow files of one folder)`);
            else if (entry.isFile() && entry.name.endsWith('.json'))
                paths.push({ read: external_node_path_default().join(real, entry.name), name });
        }
        if (paths.length === 0)
            throw bad(`${(0,errors/* quote */.hD)(input)} holds no flow files (*.json)`);
    }
    else {
        if (!target.endsWith('.json'))
            throw bad(`${(0,errors/* quote */.hD)(input)} is neither a folder nor a flow file (*.json)`);
        paths = [{ read: real, name: shown(target) }];
    }
    const files = [];
    const problems = [];
    for (const { read, name } of paths) {
        try {
            files.push({ file: name, flow: (0,flow_file/* parseFlowFile */.Sh)(await (0,promises_.readFile)(read, 'utf8'), name) });
        }
        catch (error) {
            if (!(error instanceof errors/* InputError */.dz))
                throw error;
            problems.push(error.message.slice(`Input '${error.input}': `.length));
        }
    }
    problems.push(...sharedIds(files));
    if (problems.length > 0)
        throw bad(problems.join('; '));
    return { files, notes };
}
/** One problem for each flowId that several files hold: a deploy keyed by id would be ambiguous. */
function sharedIds(files) {
    const byId = new Map();
    for (const { file, flow } of files)
        byId.set(flow.flowId, [...(byId.get(flow.flowId) ?? []), file]);
    return [...byId]
        .filter(([, holders]) => holders.length > 1)
        .map(([flowId, holders]) => `${holders.map(file => (0,errors/* quote */.hD)(file)).join(' and ')} hold the same flowId ${(0,errors/* quote */.hD)(flowId)}; keep one file a flow`);
}

// EXTERNAL MODULE: ./src/summary.ts
var summary = __webpack_require__(8855);
;// CONCATENATED MODULE: ./src/flows-as-code/deploy-summary.ts

/** Rows of the changes table; the rest are in output `changes`. */
const MAX_SUMMARY_ROWS = 300;
/** Component ids named per kind in a summary cell. */
const IDS_SHOWN = 5;
function deploySummary(settings, plans, rollouts) {
    const count = (change) => plans.filter(plan => plan.change === change).length;
    const applied = settings.mode === 'apply';
    const words = applied ? { create: 'created', update: 'updated' } : { create: 'to create', update: 'to update' };
    const head = `Deploy ${(0,summary/* code */.aY)(settings.input, 120)} (${settings.mode}): ${count('create')} ${words.create}, ` +
        `${count('update')} ${words.update}, ${count('unchanged')} unchanged`;
    const lines = [head, '', '| Flow | File | Change | Components |', '| --- | --- | --- | --- |'];
    for (const plan of plans.slice(0, MAX_SUMMARY_ROWS)) {
        lines.push(`| ${(0,summary/* escapeCell */.kq)(plan.name)} | ${(0,summary/* code */.aY)(plan.file, 120)} | ${plan.change} | ${componentCell(plan)} |`);
    }
    if (plans.length > MAX_SUMMARY_ROWS)
        lines.push(`| and ${plans.length - MAX_SUMMARY_ROWS} more (see output \`changes\`) | | | |`);
    if (rollouts.length) {
        lines.push('', '| Integration template | Rollout to its instances |', '| --- | --- |');
        for (const rollout of rollouts) {
            const state = rollout.status ? rolloutWords(rollout.status) : 'not completed';
            lines.push(`| ${(0,summary/* escapeCell */.kq)(rollout.name)} | ${(0,summary/* escapeCell */.kq)(state)} |`);
        }
    }
    return [...lines, ''].join('\n');
}
/** `2 added: \`a\`, \`b\`; 1 changed: \`c\`; fields: name` for a table cell. */
function componentCell({ change, components, fields }) {
    if (change === 'unchanged')
        return '–';
    const kinds = ['added', 'removed', 'changed']
        .filter(kind => components[kind].length > 0)
        .map(kind => {
        const ids = components[kind];
        const shown = ids.slice(0, IDS_SHOWN).map(id => (0,summary/* code */.aY)(id, 60));
        if (ids.length > IDS_SHOWN)
            shown.push(`and ${ids.length - IDS_SHOWN} more`);
        return `${ids.length} ${kind}: ${shown.join(', ')}`;
    });
    if (fields.length)
        kinds.push(`fields: ${fields.join(', ')}`);
    return kinds.join('; ') || '–';
}
function componentWords({ components, fields }) {
    const parts = ['added', 'removed', 'changed']
        .filter(kind => components[kind].length > 0)
        .map(kind => `${components[kind].length} component${components[kind].length === 1 ? '' : 's'} ${kind}`);
    if (fields.length)
        parts.push(`${fields.join(', ')} changed`);
    return parts.join(', ') || 'no component changes';
}
function rolloutWords(status) {
    const steps = status.stepsTotal === undefined ? '' : ` (${status.progress ?? 0} of ${status.stepsTotal} instances)`;
    return `${status.state}${steps}`;
}

;// CONCATENATED MODULE: ./src/flows-as-code/rollout.ts
/**
 * Rolling an integration template out to its instances:
 * `POST /integrations/:templateId/update-integration-instances` answers a ticket, and
 * `GET /integrations/status/:ticket` is followed until it says `completed` (older engines name
 * the field `status`, newer ones `state`, as the vendor's CLI allows) or `failed`. The waiting
 * is the caller's: `checkRollout` fits a poll loop, `rollOut` takes a `wait` function.
 */


/** Starts the rollout; resolves to its ticket. */
async function startRollout(api, templateId, inProgressData = 'keep') {
    const answer = await api.postJson(`/integrations/${(0,flows_as_code_api/* segment */.mX)(templateId)}/update-integration-instances`, { inProgressData });
    if (!(0,flows_as_code_api/* isObject */.Gv)(answer) || typeof answer.ticket !== 'string' || answer.ticket === '') {
        throw new errors/* ActionError */.lZ(`Appmixer accepted the rollout of template ${(0,errors/* quote */.hD)(templateId)} but gave no ticket to follow`);
    }
    return answer.ticket;
}
/** One look at the rollout: met when completed; a failed rollout throws, quoting its error. */
async function checkRollout(api, templateId, ticket) {
    const status = rolloutStatus(await api.getJson(`/integrations/status/${(0,flows_as_code_api/* segment */.mX)(ticket)}`));
    if (status.state === 'failed') {
        const reason = status.error ? `: ${(0,errors/* quote */.hD)(status.error, 300)}` : ' (Appmixer gave no reason)';
        throw new errors/* ActionError */.lZ(`The rollout of integration template ${(0,errors/* quote */.hD)(templateId)} to its instances failed${reason}`);
    }
    const steps = status.stepsTotal === undefined ? '' : ` (${status.progress ?? 0} of ${status.stepsTotal} instances)`;
    return { met: status.state === 'completed', detail: status, pending: `rollout of ${(0,errors/* quote */.hD)(templateId)} is ${(0,errors/* quote */.hD)(status.state)}${steps}` };
}
/** The status answer read, whichever name its state has; an answer with neither is never `completed`. */
function rolloutStatus(answer) {
    if (!(0,flows_as_code_api/* isObject */.Gv)(answer))
        throw new errors/* ActionError */.lZ('Appmixer answered the rollout status with something that is not a status');
    const state = typeof answer.state === 'string' ? answer.state : typeof answer.status === 'string' ? answer.status : 'unknown';
    const progress = numberOr(answer.progress) ?? numberOr(answer.stepsCompleted);
    const stepsTotal = numberOr(answer.stepsTotal);
    const error = typeof answer.error === 'string'
        ? answer.error
        : (0,flows_as_code_api/* isObject */.Gv)(answer.error) && typeof answer.error.message === 'string'
            ? answer.error.message
            : undefined;
    return {
        state,
        ...(progress === undefined ? {} : { progress }),
        ...(stepsTotal === undefined ? {} : { stepsTotal }),
        ...(error === undefined ? {} : { error })
    };
}
/**
 * Starts the rollout and follows it. Between looks it calls `wait(pending)`, which sleeps
 * (the caller's clock and interval) and resolves false once the deadline has passed: then the
 * rollout ends as a `timeout`, naming the ticket and the last state.
 */
async function rollOut(api, templateId, wait, inProgressData = 'keep') {
    const ticket = await startRollout(api, templateId, inProgressData);
    for (;;) {
        const check = await checkRollout(api, templateId, ticket);
        if (check.met)
            return { ticket, ...check.detail };
        if (!(await wait(check.pending))) {
            throw new ActionError(`Gave up waiting: the ${check.pending} (ticket ${quote(ticket)})`, 'timeout');
        }
    }
}
function numberOr(value) {
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

;// CONCATENATED MODULE: ./src/flows-as-code/deploy-stage.ts









/** How often a rollout in progress is looked at, at most (a rollout takes seconds to minutes). */
const ROLLOUT_INTERVAL_MS = 5_000;
/** GitHub shows ten error annotations a step: the step's own error and nine files at most. */
const MAX_FILE_ANNOTATIONS = 9;
/** Reads and checks the flow files before any request: a bad file is bad input. */
function prepareDeploy(settings, workspace) {
    return readDeployFiles(settings.input, workspace);
}
/** The files read before sign-in, handed to the stage (main.ts reads them first). */
function deployStage(files) {
    return {
        name: 'deploy',
        startsWait: true,
        run: async (step) => {
            const settings = step.config.deploy;
            files.notes.forEach(note => step.log(note));
            const planned = await planDeploy(step.client, files.files);
            const plans = planned.map(({ plan }) => plan);
            if (settings.mode !== 'apply')
                return reviewOutcome(settings, plans);
            let changed;
            try {
                changed = await applyPlans(step.client, planned);
            }
            catch (error) {
                if (!(error instanceof DeployError))
                    throw error;
                step.changed.push(...error.changed);
                return deployOutcome(settings, plans, { verdict: 'fail', problem: error.message });
            }
            step.changed.push(...changed);
            for (const plan of plans)
                if (plan.change !== 'unchanged')
                    step.log(`${plan.change === 'create' ? 'Created' : 'Updated'} ${describe(plan)}`);
            step.deployed = deployedFlows(planned, changed, settings.keepStages);
            // Every deployed template, changed or not: a re-run after a failed rollout rolls it out again.
            const templates = planned.filter(({ source, live }) => (source.flow.type ?? live?.type) === 'integration-template');
            if (!settings.updateInstances || templates.length === 0)
                return deployOutcome(settings, plans, { verdict: 'pass' });
            const rollouts = [];
            try {
                for (const { plan } of templates) {
                    const ticket = await startRollout(step.client, plan.flowId);
                    step.log(`Rolling ${(0,errors/* quote */.hD)(plan.name)} out to its instances (ticket ${(0,errors/* quote */.hD)(ticket)})`);
                    rollouts.push({ flowId: plan.flowId, name: plan.name, ticket });
                }
                return deployOutcome(settings, plans, await followRollouts(step, rollouts), rollouts);
            }
            catch (error) {
                const { verdict, problem } = (0,outcome/* errorOutcome */.zY)(error);
                return deployOutcome(settings, plans, { verdict, problem }, rollouts);
            }
        }
    };
}
/** `plan` passes; `check` fails when anything would change, naming the flows and their files. */
function reviewOutcome(settings, plans) {
    const drift = plans.filter(plan => plan.change !== 'unchanged');
    if (settings.mode === 'plan' || drift.length === 0)
        return deployOutcome(settings, plans, { verdict: 'pass' });
    const named = drift.slice(0, 10).map(plan => `${describe(plan)} would be ${plan.change === 'create' ? 'created' : 'updated'}`);
    if (drift.length > 10)
        named.push(`and ${drift.length - 10} more`);
    const annotations = drift.slice(0, MAX_FILE_ANNOTATIONS).map(plan => ({
        level: 'error',
        title: 'Appmixer flow drift',
        file: plan.file,
        message: `Flow ${(0,errors/* quote */.hD)(plan.name)} ${plan.change === 'create' ? 'is not on the tenant' : 'on the tenant differs from this file'}: ` +
            `a deploy would ${plan.change} it (${componentWords(plan)})`
    }));
    return deployOutcome(settings, plans, {
        verdict: 'fail',
        problem: `The tenant has drifted from ${(0,errors/* quote */.hD)(settings.input)}: ${drift.length} of ${plans.length} flow${plans.length === 1 ? '' : 's'} ` +
            `would change: ${named.join('; ')}. Deploy the files, or export the tenant's flows into the repository`
    }, [], annotations);
}
/** The outcome of a deploy in any mode: output `changes` and the summary table, with the verdict given. */
function deployOutcome(settings, plans, end, rollouts = [], annotations = []) {
    const changes = plans.map(({ flowId, name, file, change, components }) => ({ flowId, name, file, change, components }));
    return {
        ...end,
        title: `deploy ${settings.mode} ${settings.input}`,
        outputs: [(0,outcome/* sized */.Sk)('changes', JSON.stringify(changes))],
        annotations,
        summary: deploySummary(settings, plans, rollouts)
    };
}
function describe(plan) {
    return `${(0,errors/* quote */.hD)(plan.name)} (${(0,errors/* visible */.RK)(plan.file, 200)})`;
}
/**
 * The deployed flows for the gate, with the stage each must be back in when neither `command`
 * nor `stage` says otherwise: the stage before the deploy (a running or starting flow was
 * started again: running), and `stopped` for a created flow, as Appmixer creates it.
 */
function deployedFlows(planned, changed, keepStages) {
    const before = new Map(changed.map(entry => [entry.flowId, entry.before]));
    return planned.map(({ plan, source, live }) => {
        const was = before.get(plan.flowId) ?? live?.stage ?? 'absent';
        const expected = was === 'absent' ? 'stopped' : RUNNING.has(was) ? 'running' : was;
        return {
            flowId: plan.flowId,
            name: plan.name,
            stage: 'unknown',
            type: source.flow.type ?? live?.type,
            ...(keepStages ? { expectedStage: expected } : {})
        };
    });
}
/**
 * Every rollout looked at each round until all completed, within the wait (which, with
 * `update-instances` and no `wait`, is ROLLOUT_WAIT_MS). A failed rollout throws, naming its error.
 */
async function followRollouts(step, rollouts) {
    const { waitMs, pollIntervalMs } = step.config.waiting;
    const poll = await (0,src_poll/* pollUntil */.g)(async () => {
        const pending = [];
        for (const rollout of rollouts) {
            if (rollout.status?.state === 'completed')
                continue;
            const check = await checkRollout(step.client, rollout.flowId, rollout.ticket).catch((error) => {
                if (!(0,errors/* isUnavailable */.Pd)(error))
                    rollout.status = { state: 'failed' };
                throw error;
            });
            rollout.status = check.detail;
            if (check.met)
                step.log(`The rollout of ${(0,errors/* quote */.hD)(rollout.name)} completed: ${rolloutWords(check.detail)}`);
            else
                pending.push(check.pending);
        }
        return { met: pending.length === 0, detail: undefined, pending: pending.join('; ') };
    }, {
        waitMs,
        intervalMs: Math.min(ROLLOUT_INTERVAL_MS, pollIntervalMs),
        clock: step.clock,
        onProgress: step.log,
        startedAt: step.waitStartedAt
    });
    if (poll.verdict === 'pass')
        return { verdict: 'pass' };
    if (poll.verdict === 'unavailable')
        return { verdict: 'unavailable', problem: poll.unavailable.message };
    const waited = waitMs > 0 ? ` within ${(0,duration/* formatDuration */.a)(waitMs)}` : '';
    return {
        verdict: poll.verdict,
        problem: `The rollout to the instances did not complete${waited}: ${poll.last?.pending ?? 'no status read'}; Appmixer may still complete it`
    };
}


/***/ }),

/***/ 1483:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FS: () => (/* binding */ accountProperty),
/* harmony export */   Sh: () => (/* binding */ parseFlowFile),
/* harmony export */   gP: () => (/* binding */ flowFileText),
/* harmony export */   jN: () => (/* binding */ withAccountProperty)
/* harmony export */ });
/* unused harmony export FLOW_FILE_KEYS */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _api_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6674);
/* harmony import */ var _canonical_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8464);
/**
 * A flow file: one flow as the repository keeps it, `{flowId, name, description, type,
 * customFields, flow}` in that order (what the vendor's own transfer keeps, less thumbnails),
 * nested keys sorted, 2-space indent and a final newline, so the same flow always gives the
 * same bytes. Server fields (stage, owner, times, runtime errors…) are left out, and so are
 * account bindings: the component-to-account associations live outside the descriptor
 * (`GET /accounts/flow/:flowId`), and the one binding a descriptor can hold, a component's
 * `config.properties.account` (the vendor's deploy tooling writes an account id there), is an id
 * of one tenant that means nothing on another. A deploy carries both over from the live flow.
 */



/** The top-level keys of a flow file, in the order the file holds them. */
const FLOW_FILE_KEYS = ['flowId', 'name', 'description', 'type', 'customFields', 'flow'];
/**
 * Ids go into request paths; these are the characters Appmixer's ids (UUIDs, and ids like
 * `test-i-source-flow-id` the vendor's transfer sets) are made of, and never `.` or `..`.
 */
const FLOW_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.:-]{0,127}$/;
/**
 * The flow file text of a flow as `GET /flows/:id` answers it. `redact` is applied to every
 * string (keys included) before it is written, so a registered secret typed into a component's
 * properties never reaches the file, and the file stays valid JSON.
 */
function flowFileText(answer, redact = text => text) {
    if (!(0,_api_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .Gv)(answer) || typeof answer.flowId !== 'string' || !(0,_api_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .Gv)(answer.flow)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ActionError */ .lZ('Appmixer answered a flow read with something that is not a flow (no flowId or no flow descriptor)');
    }
    const kept = {};
    for (const key of FLOW_FILE_KEYS) {
        // A field Appmixer did not return is left out, not written as null.
        if (answer[key] !== undefined)
            kept[key] = answer[key];
    }
    kept.flow = withoutAccountProperties(answer.flow);
    return `${(0,_canonical_js__WEBPACK_IMPORTED_MODULE_2__/* .canonicalJson */ .d)(mapStrings(kept, redact), 2, FLOW_FILE_KEYS)}\n`;
}
/** Reads a flow file's text; every problem names the file and says what a flow file must hold. */
function parseFlowFile(text, file) {
    const bad = (problem) => new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('deploy', `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(file)} is not a flow file: ${problem}`);
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        throw bad(`it is not valid JSON (${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .excerpt */ .Kb)(error.message, 120)})`);
    }
    if (!(0,_api_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .Gv)(value))
        throw bad('it must hold one JSON object');
    const unknown = Object.keys(value).filter(key => !FLOW_FILE_KEYS.includes(key));
    if (unknown.length > 0) {
        throw bad(`it holds ${unknown.map(key => (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(key)).join(', ')}; a flow file holds only ${FLOW_FILE_KEYS.join(', ')} (export a flow to get one)`);
    }
    if (typeof value.flowId !== 'string' || value.flowId === '')
        throw bad('it has no flowId (a non-empty string)');
    if (!FLOW_ID.test(value.flowId))
        throw bad(`its flowId ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(value.flowId)} is not an Appmixer id (letters, digits, - _ . :)`);
    if (value.name !== undefined && typeof value.name !== 'string')
        throw bad('its name is not a string');
    if (value.description !== undefined && value.description !== null && typeof value.description !== 'string') {
        throw bad('its description is not a string');
    }
    if (value.type !== undefined && typeof value.type !== 'string')
        throw bad('its type is not a string');
    if (value.customFields !== undefined && !(0,_api_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .Gv)(value.customFields))
        throw bad('its customFields is not an object');
    if (!(0,_api_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .Gv)(value.flow))
        throw bad('it has no flow descriptor (flow: an object of components)');
    for (const [id, component] of Object.entries(value.flow)) {
        if (!(0,_api_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .Gv)(component) || typeof component.type !== 'string' || component.type === '') {
            throw bad(`its component ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(id)} is not a component (an object with a type)`);
        }
    }
    return value;
}
/** The account a component's properties name, if any (the binding a descriptor can hold). */
function accountProperty(component) {
    if (!(0,_api_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .Gv)(component) || !(0,_api_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .Gv)(component.config) || !(0,_api_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .Gv)(component.config.properties))
        return undefined;
    return component.config.properties.account;
}
/** A component with an account property set to `account` (left out when undefined), copied. */
function withAccountProperty(component, account) {
    const config = (0,_api_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .Gv)(component.config) ? component.config : {};
    const properties = (0,_api_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .Gv)(config.properties) ? { ...config.properties } : undefined;
    if (!properties && account === undefined)
        return component;
    const next = { ...(properties ?? {}), account };
    if (account === undefined)
        delete next.account;
    return { ...component, config: { ...config, properties: next } };
}
function withoutAccountProperties(flow) {
    const copy = {};
    for (const [id, component] of Object.entries(flow)) {
        copy[id] = (0,_api_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .Gv)(component) && accountProperty(component) !== undefined ? withAccountProperty(component, undefined) : component;
    }
    return copy;
}
function mapStrings(value, map) {
    if (typeof value === 'string')
        return map(value);
    // A number can be a secret too (a PIN typed into a property): its text, redacted, stands in for it.
    if (typeof value === 'number' && map(String(value)) !== String(value))
        return map(String(value));
    if (Array.isArray(value))
        return value.map(item => mapStrings(item, map));
    if ((0,_api_js__WEBPACK_IMPORTED_MODULE_1__/* .isObject */ .Gv)(value))
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [map(key), mapStrings(item, map)]));
    return value;
}


/***/ })

};
