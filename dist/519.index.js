export const id = 519;
export const ids = [519];
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

/***/ 7519:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  exportStage: () => (/* binding */ exportStage),
  prepareExport: () => (/* binding */ prepareExport)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/step/outcome.ts
var outcome = __webpack_require__(4466);
// EXTERNAL MODULE: ./src/summary.ts
var summary = __webpack_require__(8855);
// EXTERNAL MODULE: ./src/response-file.ts + 1 modules
var response_file = __webpack_require__(3725);
// EXTERNAL MODULE: ./src/workspace.ts
var src_workspace = __webpack_require__(3338);
// EXTERNAL MODULE: ./src/flows-as-code/api.ts
var flows_as_code_api = __webpack_require__(6674);
;// CONCATENATED MODULE: ./src/flows-as-code/file-names.ts
/**
 * File names of exported flows: the slug of the flow's name, and on a collision the slug plus
 * `-` and the first 8 characters of the flowId. The choice depends only on the set of flows,
 * never on the order they came in, so re-exporting the same flows gives the same names.
 */
/** Longest slug kept: file names stay readable and far below file system limits. */
const MAX_SLUG = 80;
/** `Orders sync (EU)` → `orders-sync-eu`; a name with no letters or digits gives `flow`. */
function slugOf(name) {
    const slug = name
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '') // accents go, their letters stay: `Čeština` → `cestina`
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .slice(0, MAX_SLUG)
        .replace(/^-+|-+$/g, '');
    return slug || 'flow';
}
/** A file name (`<slug>.json`) for each flow, by flowId. */
function flowFileNames(flows, 
/** Redacts the step's secrets; an id is redacted before it is cut, so no part of a secret is a name. */
redact = text => text) {
    // Sorted by flowId first, so that every later step is independent of the input order.
    const sorted = [...flows].sort((a, b) => (a.flowId < b.flowId ? -1 : a.flowId > b.flowId ? 1 : 0));
    const bases = new Map(sorted.map(flow => [flow.flowId, slugOf(redact(flow.name ?? flow.flowId))]));
    let names = suffixedWhereShared(bases, id => slugOf(redact(id).slice(0, 8)));
    // Rare: `orders` and `orders-1a2b3c4d`, or two ids that share their first 8 characters.
    names = suffixedWhereShared(names, id => slugOf(redact(id)), bases);
    const taken = new Map();
    const files = new Map();
    for (const [flowId, name] of names) {
        // Last resort (ids that differ only in characters a slug drops): a counter in flowId order.
        const seen = taken.get(name) ?? 0;
        taken.set(name, seen + 1);
        files.set(flowId, `${seen === 0 ? name : `${name}-${seen + 1}`}.json`);
    }
    return files;
}
/** Each name shared by several flows gets `-<suffix(flowId)>` on its base; the others stay. */
function suffixedWhereShared(names, suffix, bases = names) {
    const counts = new Map();
    for (const name of names.values())
        counts.set(name, (counts.get(name) ?? 0) + 1);
    return new Map([...names].map(([flowId, name]) => [flowId, (counts.get(name) ?? 0) > 1 ? `${bases.get(flowId)}-${suffix(flowId)}` : name]));
}

// EXTERNAL MODULE: ./src/flows-as-code/flow-file.ts
var flow_file = __webpack_require__(1483);
;// CONCATENATED MODULE: ./src/flows-as-code/export.ts
/**
 * Export: each listed flow read whole (`GET /flows/:id`) and turned into a flow file text, with
 * the file names chosen over the whole set (so a collision is settled the same way every time).
 * Writing the files is the caller's: this module does no file I/O.
 */



/** Reads the flows one after another and gives their files, in the order of `flowIds`. */
async function exportFlows(api, flowIds, redact) {
    const read = [];
    for (const flowId of flowIds) {
        const text = (0,flow_file/* flowFileText */.gP)(await api.getJson(`/flows/${(0,flows_as_code_api/* segment */.mX)(flowId)}`), redact);
        const { name } = JSON.parse(text);
        read.push({ flowId, name: typeof name === 'string' ? name : flowId, text });
    }
    const names = flowFileNames(read, redact);
    return read.map(flow => ({ ...flow, fileName: names.get(flow.flowId) }));
}

;// CONCATENATED MODULE: ./src/flows-as-code/export-folder.ts
/**
 * What an export finds in its folder before it writes: a file at a target path that is not a
 * flow file (an export into the repository's root must not overwrite `package.json`) is an
 * error, and a flow file that holds one of the exported flows under another name (the flow was
 * renamed) is stale: left there, a later deploy of the folder would find one id twice.
 */




async function inspectExportFolder(folder, flows) {
    // A folder not made yet holds nothing; one that cannot be read fails (ours, so `fail`): the
    // check that no other file is overwritten must not be skipped.
    const entries = await (0,promises_.readdir)(folder, { withFileTypes: true }).catch((error) => {
        if (error.code === 'ENOENT')
            return [];
        throw new errors/* ActionError */.lZ(`Could not read the export folder ${(0,errors/* quote */.hD)(folder)}: ${(0,errors/* errorMessage */.gJ)(error)}`);
    });
    const targets = new Set(flows.map(flow => flow.fileName));
    const ids = new Set(flows.map(flow => flow.flowId));
    const stale = [];
    for (const entry of entries) {
        // A symbolic link where a flow file goes is replaced by the rename, never followed or read.
        if (!entry.name.endsWith('.json') || entry.name.startsWith('.') || !entry.isFile())
            continue;
        const flowId = await flowIdOf(external_node_path_default().join(folder, entry.name));
        if (targets.has(entry.name) && flowId === undefined) {
            throw new errors/* ActionError */.lZ(`Export would overwrite ${(0,errors/* quote */.hD)(entry.name)}, which is not a flow file; export into a folder of its own (e.g. export: flows)`);
        }
        if (!targets.has(entry.name) && flowId !== undefined && ids.has(flowId))
            stale.push(entry.name);
    }
    return { stale: stale.sort() };
}
/** The flowId of a flow file, or undefined for any other file. */
async function flowIdOf(file) {
    try {
        return (0,flow_file/* parseFlowFile */.Sh)(await (0,promises_.readFile)(file, 'utf8'), file).flowId;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/flows-as-code/export-stage.ts
/**
 * `export`: the listed flows (resolved by the resolve stage) written as flow files into a
 * folder of the workspace, one file a flow, the same flow always the same bytes, the step's
 * secrets redacted. An export reads flows whatever their stage and does not gate on them unless
 * a gate input asks for it too (config/gate.ts `asksForGate`).
 */









/** Rows of the exported table; the rest are in output `exported`. */
const MAX_SUMMARY_ROWS = 300;
/** The folder as it is written to (its real path, inside the workspace), checked before any request. */
async function prepareExport(settings, workspace) {
    const folder = await (0,src_workspace/* realPathInWorkspace */.D)('export', settings.input, workspace, settings.input);
    const found = await (0,promises_.stat)(folder).catch(() => undefined);
    if (found && !found.isDirectory())
        throw new errors/* InputError */.dz('export', `${(0,errors/* quote */.hD)(settings.input)} is a file; give a folder for the flow files`);
    return folder;
}
/** `folder` is the real path `prepareExport` checked. */
function exportStage(folder) {
    return {
        name: 'export',
        run: async (step) => {
            const settings = step.config.export;
            const flows = await exportFlows(step.client, step.gated.targets.map(flow => flow.flowId), step.runner.redact);
            const { stale } = await inspectExportFolder(folder, flows);
            try {
                await (0,promises_.mkdir)(folder, { recursive: true });
                for (const flow of flows)
                    await (0,response_file/* writeText */.x3)(external_node_path_default().join(folder, flow.fileName), flow.text);
                for (const file of stale) {
                    await (0,promises_.rm)(external_node_path_default().join(folder, file), { force: true });
                    step.log(`Removed ${(0,errors/* quote */.hD)(file)}: the flow it held is exported under its new name`);
                }
            }
            catch (error) {
                // A local failure: never `unavailable`, and never a pass.
                throw new errors/* ActionError */.lZ(`Could not write the flow files into ${(0,errors/* quote */.hD)(settings.input)}: ${(0,errors/* errorMessage */.gJ)(error)}`);
            }
            // Paths as the workflow sees them: relative to the workspace, `/` separators.
            const shown = external_node_path_default().relative(step.workspace, external_node_path_default().resolve(step.workspace, settings.input)).split((external_node_path_default()).sep).join('/');
            const exported = flows.map(({ flowId, name, fileName }) => ({ flowId, name, file: shown ? `${shown}/${fileName}` : fileName }));
            for (const entry of exported)
                step.log(`Exported ${(0,errors/* quote */.hD)(entry.name)} to ${entry.file}`);
            step.log('A flow descriptor can hold secrets typed into component properties: review the files before committing them');
            return {
                verdict: 'pass',
                title: `export ${settings.input}`,
                outputs: [(0,outcome/* text */.Qq)('exported', JSON.stringify(exported))],
                summary: exportSummary(settings, exported)
            };
        }
    };
}
function exportSummary(settings, exported) {
    const lines = [
        `Exported ${exported.length} flow${exported.length === 1 ? '' : 's'} into ${(0,summary/* code */.aY)(settings.input, 120)}. ` +
            'A flow descriptor can hold secrets typed into component properties: review the files before committing them.',
        '',
        '| Flow | File |',
        '| --- | --- |',
        ...exported.slice(0, MAX_SUMMARY_ROWS).map(entry => `| ${(0,summary/* escapeCell */.kq)(entry.name)} | ${(0,summary/* code */.aY)(entry.file, 160)} |`)
    ];
    if (exported.length > MAX_SUMMARY_ROWS)
        lines.push(`| and ${exported.length - MAX_SUMMARY_ROWS} more (see output \`exported\`) | |`);
    return [...lines, ''].join('\n');
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
