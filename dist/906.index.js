export const id = 906;
export const ids = [906];
export const modules = {

/***/ 906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  prepareConnector: () => (/* binding */ prepareConnector),
  publishOutcome: () => (/* binding */ publishOutcome),
  publishStage: () => (/* binding */ publishStage)
});

// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/step/outcome.ts
var outcome = __webpack_require__(4466);
// EXTERNAL MODULE: ./src/summary.ts
var summary = __webpack_require__(8855);
;// CONCATENATED MODULE: ./src/publish/engine.ts

/** `engine` of a `bundle.json` text, checked to be a range; undefined when it has none. */
async function engineRange(text, shown) {
    let bundle;
    try {
        bundle = (JSON.parse(text) ?? {});
    }
    catch {
        throw new errors/* InputError */.dz('publish', `${(0,errors/* quote */.hD)(shown, 120)} is not valid JSON`);
    }
    const { engine } = bundle;
    if (engine === undefined || engine === null)
        return undefined;
    const { default: semver } = await __webpack_require__.e(/* import() */ 88).then(__webpack_require__.t.bind(__webpack_require__, 2088, 23));
    if (typeof engine !== 'string' || !engine.trim() || semver.validRange(engine) === null) {
        throw new errors/* InputError */.dz('publish', `${(0,errors/* quote */.hD)(shown, 120)} has an "engine" that is not a semver range (e.g. ">=6.0.0")`);
    }
    return engine;
}
/** `GET /` (it needs no token) and the range against its `version`. */
async function checkEngine(client, connector, range, log) {
    const { default: semver } = await __webpack_require__.e(/* import() */ 88).then(__webpack_require__.t.bind(__webpack_require__, 2088, 23));
    const where = `GET / at ${client.baseUrl.origin}`;
    const unreadable = (why) => ({
        kind: 'unreadable',
        warning: {
            level: 'warning',
            title: 'Appmixer connector',
            message: `Could not read the Appmixer version (${where}: ${why}); the engine range ${(0,errors/* quote */.hD)(range)} of ${connector} is not checked, the upload goes on`
        }
    });
    let body;
    try {
        body = await client.getJson('/');
    }
    catch (error) {
        return unreadable((0,errors/* errorMessage */.gJ)(error));
    }
    const version = body?.version;
    if (typeof version !== 'string')
        return unreadable('no "version" in the answer');
    if (semver.valid(version) === null)
        return unreadable(`version ${(0,errors/* quote */.hD)(version, 60)} is not semver`);
    if (semver.satisfies(version, range, { includePrerelease: true })) {
        log(`Appmixer ${(0,errors/* visible */.RK)(version, 60)} at ${client.baseUrl.origin} is within the engine range ${(0,errors/* quote */.hD)(range)} of ${connector}`);
        return { kind: 'match', version };
    }
    return {
        kind: 'mismatch',
        version,
        problem: `${connector} needs Appmixer ${(0,errors/* quote */.hD)(range)} (bundle.json "engine"), but ${client.baseUrl.origin} runs ${(0,errors/* quote */.hD)(version, 60)}; ` +
            'not uploaded. Publish a build for this version, or upgrade Appmixer first'
    };
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/input-parsers.ts
var input_parsers = __webpack_require__(926);
// EXTERNAL MODULE: ./src/workspace.ts
var src_workspace = __webpack_require__(3338);
;// CONCATENATED MODULE: ./src/publish/pack.ts
/**
 * A connector as Appmixer takes it: a zip whose entries sit under `<vendor>/<service>/…` (from
 * the manifest's `name`: `acme.crm` → `acme/crm/`), as `appmixer pack` makes it, without
 * `node_modules/`, VCS folders or dot-files. Deterministic: entries sorted, one fixed timestamp
 * and mode, so the same tree gives the same bytes (a release can be reproduced, its size
 * compared). Or a ready `.zip`, checked and read as it is.
 *
 * The zip writer is fflate: no dependencies, ~30 KiB, synchronous and streaming APIs, and it
 * lets every entry's time and attributes be fixed. It is loaded only by a step that publishes.
 */






/** Appmixer's limit for `POST /components`. */
const MAX_ZIP_BYTES = 10 * 1024 * 1024;
const MANIFESTS = ['service.json', 'module.json'];
/** `vendor.service` or `vendor.service.module`: lower-case words, as Appmixer names connectors. */
const CONNECTOR_NAME = /^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)?$/i;
const LEFT_OUT = new Set(['node_modules', '.git', '.svn', '.hg']);
/** Resolves `publish` inside the workspace and packs it; each failure names the input and the file. */
async function packConnector(input, workspace) {
    const written = external_node_path_default().resolve(workspace, input);
    if (!(0,input_parsers/* isInside */.FK)(workspace, written)) {
        throw new errors/* InputError */.dz('publish', `${(0,errors/* quote */.hD)(input)} is outside the workspace; give a path inside the repository`);
    }
    // And on real paths: a symbolic link (`crm.zip` → elsewhere) must not get an outside file uploaded.
    const target = await (0,src_workspace/* realPathInWorkspace */.D)('publish', written, workspace, input);
    const found = await (0,promises_.lstat)(target).catch(() => undefined);
    if (!found)
        throw new errors/* InputError */.dz('publish', `${(0,errors/* quote */.hD)(input)} does not exist in the workspace`);
    const fflate = await __webpack_require__.e(/* import() */ 306).then(__webpack_require__.bind(__webpack_require__, 1306));
    const connector = found.isDirectory() ? await packFolder(target, input, fflate) : await readZip(target, input, fflate);
    if (connector.zip.byteLength > MAX_ZIP_BYTES) {
        throw new errors/* InputError */.dz('publish', `${(0,errors/* quote */.hD)(input)} zips to ${(connector.zip.byteLength / 2 ** 20).toFixed(1)} MiB, over Appmixer's 10 MB limit; leave out large assets`);
    }
    return connector;
}
async function packFolder(folder, input, fflate) {
    const manifestName = (await Promise.all(MANIFESTS.map(async (name) => ((await isFile(external_node_path_default().join(folder, name))) ? name : undefined)))).find(Boolean);
    if (!manifestName)
        throw new errors/* InputError */.dz('publish', `${(0,errors/* quote */.hD)(input)} holds neither service.json nor module.json`);
    const name = await manifestConnectorName(external_node_path_default().join(folder, manifestName), `${input}/${manifestName}`);
    const prefix = `${name.split('.').join('/')}/`;
    const files = await filesOf(folder);
    const engine = files.includes('bundle.json') ? await folderEngine(external_node_path_default().join(folder, 'bundle.json'), `${input}/bundle.json`) : undefined;
    // One fixed time (in local terms, as zip stores it) and mode: the same tree, the same bytes.
    const fixed = { mtime: new Date(1980, 0, 1, 0, 0, 0), os: 3, attrs: 0o644 << 16 };
    const entries = {};
    for (const file of files)
        entries[prefix + file] = [await (0,promises_.readFile)(external_node_path_default().join(folder, file)), fixed];
    return { name, zip: fflate.zipSync(entries, { level: 9 }), files: files.length, prefix, folder, engine };
}
async function readZip(file, input, fflate) {
    if (!file.endsWith('.zip'))
        throw new errors/* InputError */.dz('publish', `${(0,errors/* quote */.hD)(input)} is neither a folder nor a .zip`);
    const size = (await (0,promises_.stat)(file)).size;
    if (size > MAX_ZIP_BYTES) {
        throw new errors/* InputError */.dz('publish', `${(0,errors/* quote */.hD)(input)} is ${(size / 2 ** 20).toFixed(1)} MiB, over Appmixer's 10 MB limit; leave out large assets`);
    }
    const zip = new Uint8Array(await (0,promises_.readFile)(file));
    const entries = centralDirectory(zip);
    if (!entries)
        throw new errors/* InputError */.dz('publish', `${(0,errors/* quote */.hD)(input)} is not a readable zip`);
    const files = entries.filter(entry => !entry.name.endsWith('/'));
    const manifest = files
        .filter(entry => MANIFESTS.includes(external_node_path_default().posix.basename(entry.name)))
        .sort((a, b) => a.name.length - b.name.length)[0];
    if (!manifest)
        throw new errors/* InputError */.dz('publish', `${(0,errors/* quote */.hD)(input)} holds no service.json or module.json`);
    // Only the manifest is inflated, and no further than it says it is (a zip bomb's other
    // entries, whatever they claim, are never read).
    const bytes = inflateEntry(zip, manifest, fflate);
    if (!bytes)
        throw new errors/* InputError */.dz('publish', `${(0,errors/* quote */.hD)(`${input}:${manifest.name}`, 120)} cannot be read (over 1 MiB, or damaged)`);
    const name = connectorName(new TextDecoder().decode(bytes), `${input}:${manifest.name}`);
    // bundle.json sits beside the manifest; it alone is inflated too, with the same bounds.
    const bundleName = external_node_path_default().posix.join(external_node_path_default().posix.dirname(manifest.name), 'bundle.json');
    const bundle = files.find(entry => entry.name === bundleName);
    let engine;
    if (bundle) {
        const bundleBytes = inflateEntry(zip, bundle, fflate);
        const shown = `${input}:${bundle.name}`;
        if (!bundleBytes)
            throw new errors/* InputError */.dz('publish', `${(0,errors/* quote */.hD)(shown, 120)} cannot be read (over 1 MiB, or damaged)`);
        engine = await engineRange(new TextDecoder().decode(bundleBytes), shown);
    }
    return { name, zip, files: files.length, prefix: `${name.split('.').join('/')}/`, engine };
}
/** A manifest larger than this is not a manifest. */
const MAX_MANIFEST_BYTES = 1 << 20;
/** The entries a zip's central directory lists, without reading any entry; undefined when unreadable. */
function centralDirectory(zip) {
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    // The end-of-central-directory record: in the last 22 bytes, or before a comment of up to 64 KiB.
    let end = -1;
    for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
        if (view.getUint32(at, true) === 0x06054b50) {
            end = at;
            break;
        }
    }
    if (end < 0)
        return undefined;
    const count = view.getUint16(end + 10, true);
    let at = view.getUint32(end + 16, true);
    const entries = [];
    const decoder = new TextDecoder();
    for (let i = 0; i < count; i++) {
        if (at + 46 > zip.length || view.getUint32(at, true) !== 0x02014b50)
            return undefined;
        const nameLength = view.getUint16(at + 28, true);
        const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
        if (at + 46 + nameLength > zip.length)
            return undefined;
        entries.push({
            method: view.getUint16(at + 10, true),
            compressed: view.getUint32(at + 20, true),
            size: view.getUint32(at + 24, true),
            offset: view.getUint32(at + 42, true),
            name: decoder.decode(zip.subarray(at + 46, at + 46 + nameLength))
        });
        at += 46 + skip;
    }
    return entries;
}
/** One entry's bytes, inflated in small steps and stopped past its declared size (or 1 MiB); undefined when it cannot be. */
function inflateEntry(zip, entry, fflate) {
    if (entry.size > MAX_MANIFEST_BYTES)
        return undefined;
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const header = entry.offset;
    if (header + 30 > zip.length || view.getUint32(header, true) !== 0x04034b50)
        return undefined;
    const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
    const data = zip.subarray(start, start + entry.compressed);
    if (data.length < entry.compressed)
        return undefined;
    if (entry.method === 0)
        return data.length === entry.size ? data : undefined;
    if (entry.method !== 8)
        return undefined;
    const out = new Uint8Array(entry.size);
    let length = 0;
    let tooLong = false;
    const inflate = new fflate.Inflate(chunk => {
        if (length + chunk.length > entry.size)
            tooLong = true;
        else
            out.set(chunk, length);
        length += chunk.length;
    });
    try {
        // 4 KiB of deflate inflates to at most about 4 MiB: no step holds more than that.
        for (let at = 0; at < data.length && !tooLong; at += 4096)
            inflate.push(data.subarray(at, at + 4096), at + 4096 >= data.length);
    }
    catch {
        return undefined;
    }
    return tooLong || length !== entry.size ? undefined : out;
}
async function folderEngine(file, shown) {
    if ((await (0,promises_.stat)(file)).size > MAX_MANIFEST_BYTES)
        throw new errors/* InputError */.dz('publish', `${(0,errors/* quote */.hD)(shown, 120)} is over 1 MiB`);
    return engineRange(await (0,promises_.readFile)(file, 'utf8'), shown);
}
async function manifestConnectorName(file, shown) {
    return connectorName(await (0,promises_.readFile)(file, 'utf8'), shown);
}
function connectorName(text, shown) {
    let manifest;
    try {
        manifest = JSON.parse(text);
    }
    catch {
        throw new errors/* InputError */.dz('publish', `${(0,errors/* quote */.hD)(shown, 120)} is not valid JSON`);
    }
    const { name } = manifest ?? {};
    if (typeof name !== 'string' || !CONNECTOR_NAME.test(name)) {
        throw new errors/* InputError */.dz('publish', `${(0,errors/* quote */.hD)(shown, 120)} has no valid "name" (e.g. "acme.crm": vendor and service)`);
    }
    return name;
}
/**
 * Files below a folder, as sorted POSIX paths, leaving out node_modules, VCS folders, dot-files
 * and symbolic links (one could point outside the repository, and its target would be uploaded).
 */
async function filesOf(folder, below = '') {
    const found = [];
    const entries = await (0,promises_.readdir)(external_node_path_default().join(folder, below), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (entry.name.startsWith('.') || LEFT_OUT.has(entry.name))
            continue;
        const relative = below ? `${below}/${entry.name}` : entry.name;
        if (entry.isDirectory())
            found.push(...(await filesOf(folder, relative)));
        else if (entry.isFile())
            found.push(relative);
    }
    return found;
}
async function isFile(file) {
    return (await (0,promises_.lstat)(file).catch(() => undefined))?.isFile() ?? false;
}
/**
 * The repository path of a file an Appmixer message names by its zip path (`acme/crm/service.json`
 * → `connectors/crm/service.json`), for an annotation on the pull request's diff.
 */
function localPath(connector, publishInput, zipPath) {
    if (!connector.folder || !zipPath.startsWith(connector.prefix))
        return undefined;
    return external_node_path_default().posix.join(publishInput.replace(/\\/g, '/').replace(/\/+$/, ''), zipPath.slice(connector.prefix.length));
}

;// CONCATENATED MODULE: ./src/publish/summary.ts


function publishSummary(connector, result, verdict, now) {
    const said = result.finished
        ? result.err
            ? (0,summary/* escapeCell */.kq)(result.err)
            : `finished ${(0,summary/* escapeCell */.kq)((0,summary/* readableTime */.GI)(result.finished, now))}`
        : 'not finished in time';
    return [
        `Connector ${(0,summary/* code */.aY)(connector.name, 120)}: ${outcome/* VERDICT_ICON */.YY[verdict]} ${verdict}`,
        '',
        '| | |',
        '| --- | --- |',
        `| Size | ${(connector.zip.byteLength / 1024).toFixed(1)} KiB, ${connector.files} files |`,
        `| Ticket | ${(0,summary/* code */.aY)(result.ticket, 80)} |`,
        `| Result | ${said} |`,
        ...result.problems
            .slice(0, 20)
            .map(problem => `| Problem | ${(0,summary/* escapeCell */.kq)((problem.dataPath ? `${problem.dataPath}: ` : '') + problem.message)} |`),
        ''
    ].join('\n');
}

// EXTERNAL MODULE: ./src/poll.ts
var src_poll = __webpack_require__(9810);
;// CONCATENATED MODULE: ./src/publish/ticket.ts
/**
 * What `GET /components/uploader/:ticket` says, read as the vendor's CLI reads it: any truthy
 * `finished` ends the wait (a timestamp, or just `true`), any truthy `err` is a failure (a
 * string, or an object), and `data` holds validation errors in the ajv 6 form (`dataPath`,
 * "should have …") or the ajv 8 form (`instancePath`, "must have …"), or anything else, shown as
 * it is. See docs/appmixer-api.md §12.
 */

function readTicketState(body) {
    const status = (body ?? {});
    return {
        finished: status.finished ? (0,errors/* visible */.RK)(asText(status.finished), 60) : undefined,
        err: status.err ? (0,errors/* visible */.RK)(asText(status.err), 300) : undefined,
        problems: problemsOf(status.data)
    };
}
function problemsOf(data) {
    if (data === undefined || data === null || data === '' || (Array.isArray(data) && data.length === 0))
        return [];
    if (!Array.isArray(data))
        return [{ message: (0,errors/* visible */.RK)(asText(data), 300) }];
    return data.map(item => {
        const entry = (item ?? {});
        const dataPath = typeof entry.dataPath === 'string' ? entry.dataPath : typeof entry.instancePath === 'string' ? entry.instancePath : undefined;
        // Text from Appmixer, shown in annotations and the summary: bounded, control characters visible.
        return {
            message: (0,errors/* visible */.RK)(typeof entry.message === 'string' ? entry.message : asText(item), 300),
            dataPath: dataPath ? (0,errors/* visible */.RK)(dataPath, 120) : undefined
        };
    });
}
function asText(value) {
    if (typeof value === 'string')
        return value;
    try {
        return JSON.stringify(value) ?? String(value);
    }
    catch {
        return String(value);
    }
}

;// CONCATENATED MODULE: ./src/publish/upload.ts




/** How often the upload ticket is asked about. */
const TICKET_POLL_MS = 2_000;
async function publishConnector(client, connector, options) {
    const { clock, log } = options;
    const deadline = clock.now() + options.timeoutMs;
    const response = await client.send({ method: 'POST', path: '/components', headers: [['content-type', 'application/octet-stream']], body: Buffer.from(connector.zip) }, deadline);
    const request = { method: 'POST', url: client.url('/components') };
    if (response.status < 200 || response.status >= 300) {
        const error = client.errorFor(request, response);
        const maybe = response.status === 502 || response.status === 504
            ? ' A gateway error after the upload may still mean Appmixer took it; with no ticket it cannot be followed: check the connector in Appmixer before publishing again.'
            : '';
        throw error.retold(`Publishing ${connector.name} failed: ${error.message}${maybe}`);
    }
    const ticket = ticketOf(response.text);
    // A ticket only goes back into a URL (encoded) and, made visible, into messages.
    if (!ticket)
        throw new errors/* ActionError */.lZ(`Publishing ${connector.name}: POST /components answered ${response.status} without a ticket to follow`);
    log(`Uploaded ${connector.name} (${connector.files} files, ${connector.zip.byteLength} bytes); Appmixer is publishing it (ticket ${(0,errors/* visible */.RK)(ticket, 100)})`);
    const started = clock.now();
    let state = { problems: [] };
    const poll = await (0,src_poll/* pollUntil */.g)(async () => {
        state = await readTicket(client, ticket, deadline);
        const elapsed = (0,duration/* formatDuration */.a)(clock.now() - started);
        return {
            met: state.finished !== undefined || state.err !== undefined,
            detail: state,
            pending: `${connector.name} not finished after ${elapsed}`
        };
    }, { waitMs: options.timeoutMs, intervalMs: TICKET_POLL_MS, clock, onProgress: log, startedAt: deadline - options.timeoutMs });
    // Appmixer unreachable to the end is `unavailable`, not a publish that ran out of time.
    if (poll.verdict === 'unavailable')
        throw poll.unavailable;
    if (poll.verdict !== 'pass')
        return { ticket, problems: [] };
    if (!state.err && state.problems.length === 0)
        log(`Published ${connector.name}: Appmixer finished at ${state.finished}`);
    return { ticket, finished: state.finished ?? 'unknown', err: state.err, problems: state.problems };
}
function ticketOf(text) {
    try {
        const ticket = JSON.parse(text).ticket;
        return typeof ticket === 'string' && ticket ? ticket : undefined;
    }
    catch {
        return undefined;
    }
}
async function readTicket(client, ticket, deadline) {
    try {
        return readTicketState(await client.getJson(`/components/uploader/${encodeURIComponent(ticket)}`, [], deadline));
    }
    catch (error) {
        if (error instanceof errors/* HttpError */.j$)
            throw error.retold(`Following the upload (ticket ${(0,errors/* visible */.RK)(ticket, 100)}): ${error.message}`);
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/publish/stage.ts








/** Annotations of validation errors: GitHub shows ten a step. */
const MAX_ANNOTATIONS = 9;
/** Packs before any request: a bad path, manifest or size fails as bad input. */
function prepareConnector(settings, workspace) {
    return packConnector(settings.input, workspace);
}
/** The connector packed before sign-in, handed to the stage (main.ts packs it first). */
function publishStage(connector) {
    return {
        name: 'publish',
        startsWait: true,
        run: async (step) => {
            const settings = step.config.publish;
            // The engine range first: a connector this Appmixer cannot run is not uploaded.
            const engine = connector.engine ? await checkEngine(step.client, connector.name, connector.engine, step.log) : undefined;
            if (engine?.kind === 'mismatch')
                return engineRefused(settings, connector, engine.problem);
            const result = await publishConnector(step.client, connector, { timeoutMs: settings.timeoutMs, clock: step.clock, log: step.log });
            const outcome = publishOutcome(settings, connector, result, step.clock.now());
            return engine?.kind === 'unreadable' ? { ...outcome, annotations: [engine.warning, ...(outcome.annotations ?? [])] } : outcome;
        }
    };
}
function publishOutcome(settings, connector, result, now) {
    const summary = (verdict) => publishSummary(connector, result, verdict, now);
    const title = `publish ${connector.name}`;
    if (!result.finished) {
        return {
            verdict: 'timeout',
            title,
            summary: summary('timeout'),
            problem: `Publishing ${connector.name} did not finish within publish-timeout (${(0,duration/* formatDuration */.a)(settings.timeoutMs)}); ` +
                `Appmixer may still finish it (ticket ${(0,errors/* visible */.RK)(result.ticket, 100)})`
        };
    }
    if (result.err || result.problems.length) {
        const count = result.problems.length;
        return {
            verdict: 'fail',
            title,
            summary: summary('fail'),
            annotations: problemAnnotations(settings, connector, result),
            problem: `Appmixer refused ${connector.name}: ${result.err ?? 'validation failed'}${count ? ` (${count} validation error${count === 1 ? '' : 's'})` : ''}`
        };
    }
    // Output `published` only for a connector Appmixer took.
    const published = {
        name: connector.name,
        ticket: result.ticket,
        bytes: connector.zip.byteLength,
        files: connector.files,
        finished: result.finished
    };
    return { verdict: 'pass', title, summary: summary('pass'), outputs: [(0,outcome/* text */.Qq)('published', JSON.stringify(published))] };
}
function engineRefused(settings, connector, problem) {
    const file = connector.folder ? localPath(connector, settings.input, `${connector.prefix}bundle.json`) : undefined;
    return {
        verdict: 'fail',
        title: `publish ${connector.name}`,
        problem,
        summary: `Connector ${(0,summary/* code */.aY)(connector.name, 120)}: ${outcome/* VERDICT_ICON */.YY.fail} fail, not uploaded\n\n> ${(0,summary/* escapeCell */.kq)(problem)}\n`,
        // On the pull request's diff, where the range is written; the step's own error says it otherwise.
        annotations: file ? [{ level: 'error', message: problem, title: 'Appmixer connector', file }] : []
    };
}
/** Validation errors on the local manifest they name, so they show on the pull request's diff. */
function problemAnnotations(settings, connector, result) {
    // `Invalid schema for acme/crm/service.json`: the file the errors are about.
    const named = /\b([\w.-]+(?:\/[\w.-]+)+\.json)\b/.exec(result.err ?? '')?.[1];
    const file = named ? localPath(connector, settings.input, named) : undefined;
    const messages = [result.err ?? `Appmixer refused ${connector.name}`];
    for (const problem of result.problems)
        messages.push(problem.dataPath ? `${problem.dataPath}: ${problem.message}` : problem.message);
    return messages.slice(0, MAX_ANNOTATIONS).map(message => ({ level: 'error', message, title: 'Appmixer connector', file }));
}


/***/ })

};
