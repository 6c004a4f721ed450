import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8294);
/** The entry point the runner starts (`runs.main` in action.yml). */

await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 8294:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

// NAMESPACE OBJECT: ./src/workflow-commands.ts
var workflow_commands_namespaceObject = {};
__nccwpck_require__.r(workflow_commands_namespaceObject);
__nccwpck_require__.d(workflow_commands_namespaceObject, {
  appendSummary: () => (appendSummary),
  getInput: () => (getInput),
  info: () => (info),
  isDebug: () => (isDebug),
  issueCommand: () => (issueCommand),
  setFailed: () => (setFailed),
  setOutput: () => (setOutput),
  setSecret: () => (setSecret)
});

;// CONCATENATED MODULE: ./src/errors.ts
class ActionError extends Error {
    verdict;
    name = 'ActionError';
    constructor(message, verdict = 'fail') {
        super(message);
        this.verdict = verdict;
    }
}
/** A workflow input is malformed; raised before any network call. */
class InputError extends ActionError {
    input;
    name = 'InputError';
    constructor(input, problem) {
        super(`Input '${input}': ${problem}`);
        this.input = input;
    }
}
/** Appmixer could not be reached at all (DNS, refused, timeouts, persistent 5xx). */
class UnavailableError extends ActionError {
    name = 'UnavailableError';
    constructor(message) {
        super(message, 'unavailable');
    }
}
/** An error answer that retries did not cure: a 5xx means Appmixer is unavailable, anything else is a failure. */
function errorForStatus(status, message) {
    return status >= 500 ? new UnavailableError(message) : new ActionError(message);
}
/** A short, single-line excerpt of a text for error messages; never a whole HTML page. */
function excerpt(text, max = 200) {
    const oneLine = text.replace(/\s+/g, ' ').trim();
    return oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
}
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}
// eslint-disable-next-line no-control-regex -- making control characters visible is the point
const INVISIBLE = /[\u0000-\u001f\u007f\u2028\u2029\u202a-\u202e]/g;
/**
 * An input value quoted in a message: single quotes, control characters made visible, and cut
 * short, so a huge or hostile value cannot flood the log or forge a workflow command.
 */
function quote(value, max = 80) {
    const visible = value.replace(INVISIBLE, char => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return `'${visible.length > max ? `${visible.slice(0, max)}…` : visible}'`;
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_);
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
var external_node_https_default = /*#__PURE__*/__nccwpck_require__.n(external_node_https_namespaceObject);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(7075);
;// CONCATENATED MODULE: external "node:string_decoder"
const external_node_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __nccwpck_require__(8522);
var external_node_zlib_default = /*#__PURE__*/__nccwpck_require__.n(external_node_zlib_);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/proxy.js
var proxy = __nccwpck_require__(9783);
;// CONCATENATED MODULE: ./src/duration.ts
/**
 * Durations as users write them in workflow inputs: `90s`, `5m`, `1h30m`, `250ms`, or a plain
 * number of seconds (`45`, `0.5`). Returns milliseconds.
 */
const UNIT_MS = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
const PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|h|m|s))+$/;
function parseDuration(text) {
    const trimmed = text.trim().toLowerCase();
    if (/^\d+(?:\.\d+)?$/.test(trimmed))
        return Math.round(Number(trimmed) * 1000);
    if (!WHOLE.test(trimmed))
        return undefined;
    let total = 0;
    for (const [, amount, unit] of trimmed.matchAll(PART)) {
        total += Number(amount) * UNIT_MS[unit];
    }
    return Math.round(total);
}
/** `95000` → `1m35s`: the inverse, for messages. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    let seconds = Math.round(ms / 1000);
    const hours = Math.floor(seconds / 3600);
    seconds -= hours * 3600;
    const minutes = Math.floor(seconds / 60);
    seconds -= minutes * 60;
    return [hours && `${hours}h`, minutes && `${minutes}m`, seconds && `${seconds}s`].filter(Boolean).join('') || '0s';
}

;// CONCATENATED MODULE: ./src/retry.ts
const RETRIED_STATUSES = new Set([429, 502, 503, 504]);
const NOT_NOW_STATUSES = new Set([429, 503]);
const RETRIED_NETWORK_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'EPIPE',
    'ETIMEDOUT',
    'EAI_AGAIN',
    'ENETUNREACH',
    'EHOSTUNREACH',
    'ENETDOWN',
    'ECONNABORTED',
    'UND_ERR_SOCKET'
]);
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
function isRetryable(method, attempt) {
    const idempotent = IDEMPOTENT_METHODS.has(method);
    if (attempt.kind === 'response') {
        return idempotent ? RETRIED_STATUSES.has(attempt.status) : NOT_NOW_STATUSES.has(attempt.status);
    }
    return idempotent ? RETRIED_NETWORK_CODES.has(attempt.code) : attempt.code === 'ECONNREFUSED';
}
const DEFAULT_BACKOFF = { baseMs: 1_000, capMs: 20_000, maxWaitMs: 60_000 };
/**
 * "Full jitter" (a random wait between zero and an exponentially growing ceiling) spreads
 * retries of many runners apart. A `Retry-After` from the server wins over the jitter. The
 * wait never exceeds `maxWaitMs`, nor the time left before the deadline.
 */
function delayBeforeRetry(retryNumber, backoff, random, retryAfterMs, remainingMs = Infinity) {
    const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** (retryNumber - 1));
    const wanted = retryAfterMs ?? Math.round(random * ceiling);
    return Math.max(0, Math.min(wanted, backoff.maxWaitMs, remainingMs));
}
/** `Retry-After` as seconds or an HTTP date, in milliseconds from `now`; undefined if unusable. */
function parseRetryAfter(header, now) {
    if (!header)
        return undefined;
    const text = header.trim();
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    const date = Date.parse(text);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

;// CONCATENATED MODULE: ./src/http.ts
/**
 * The one place that talks HTTP: a per-request timeout, the retry policy, one keep-alive
 * connection (through the proxy the runner is configured with, if any), redirects that never
 * carry the token to another origin, and errors that say what failed in words.
 *
 * Built on node:http rather than a fetch library: it is all the action needs, and it costs no
 * start-up time (docs/benchmarks.md). Only a step behind a proxy loads `@actions/http-client`,
 * for its tunnelling agent, so proxies behave exactly as the runner's own tools expect.
 */









const MAX_REDIRECTS = 5;
class HttpTransport {
    options;
    // Keep-alive, so sign-in and every later call share one connection.
    direct = { 'http:': new (external_node_http_default()).Agent({ keepAlive: true }), 'https:': new (external_node_https_default()).Agent({ keepAlive: true }) };
    proxied;
    now;
    constructor(options) {
        this.options = options;
        this.now = () => options.clock.now();
    }
    /**
     * Sends the request, retrying transient failures. `deadline` (epoch ms) is a wait's end: no
     * retry starts after it, and no attempt runs more than one `timeout` past it, so a gate ends
     * within its wait plus one timeout however many requests a poll makes.
     */
    async send(request, deadline = Number.POSITIVE_INFINITY) {
        const total = this.options.retries + 1;
        const hardStop = deadline + this.options.timeoutMs;
        for (let attemptNumber = 1;; attemptNumber++) {
            let attempt;
            let response;
            let failure;
            try {
                const timeLeft = hardStop - this.now();
                if (timeLeft <= 0)
                    throw new NetworkFailure('ETIMEDOUT', "not sent: the wait's deadline and one 'timeout' have passed");
                response = await this.sendOnce(request, Math.min(this.options.timeoutMs, timeLeft));
                attempt = { kind: 'response', status: response.status, retryAfter: response.retryAfter };
            }
            catch (error) {
                if (!(error instanceof NetworkFailure))
                    throw error;
                failure = error;
                attempt = { kind: 'network', code: error.code };
            }
            const reason = response ? `${response.status} ${response.statusText}` : failure.description;
            const remaining = deadline - this.now();
            if (attemptNumber < total && isRetryable(request.method, attempt) && remaining > 0) {
                const retryAfterMs = response ? parseRetryAfter(response.retryAfter, this.now()) : undefined;
                const random = (this.options.random ?? Math.random)();
                const wait = delayBeforeRetry(attemptNumber, this.options.backoff ?? DEFAULT_BACKOFF, random, retryAfterMs, remaining);
                this.options.log(`${describe(request)}: ${reason} (attempt ${attemptNumber} of ${total}); retrying in ${formatDuration(wait)}`);
                await this.options.clock.sleep(wait);
                continue;
            }
            if (response)
                return response;
            const tries = attemptNumber > 1 ? ` after ${attemptNumber} attempts` : '';
            throw failure.toError(`${describe(request)} at ${request.url.origin} failed${tries}: ${reason}`);
        }
    }
    close() {
        this.direct['http:'].destroy();
        this.direct['https:'].destroy();
        void this.proxied?.then(client => client.dispose());
    }
    /** The agent for a URL: direct, or through HTTPS_PROXY / HTTP_PROXY unless NO_PROXY says not. */
    async agentFor(url) {
        if (!(0,proxy/* getProxyUrl */.s)(url))
            return this.direct[url.protocol];
        this.proxied ??= __nccwpck_require__.e(/* import() */ 779).then(__nccwpck_require__.bind(__nccwpck_require__, 2779)).then(({ HttpClient }) => new HttpClient('appmixer-action', [], { keepAlive: true }));
        return (await this.proxied).getAgent(url.href);
    }
    async sendOnce(request, timeoutMs, redirects = 0) {
        const agent = await this.agentFor(request.url);
        const started = this.now();
        const headers = {
            'user-agent': this.options.userAgent,
            accept: 'application/json',
            'accept-encoding': 'gzip, deflate, br',
            ...request.headers
        };
        if (request.body !== undefined)
            headers['content-length'] = String(Buffer.byteLength(request.body));
        let answer;
        try {
            answer = await exchange(request, headers, agent, timeoutMs, this.options.clock);
        }
        catch (error) {
            throw NetworkFailure.from(error, timeoutMs, timeoutMs < this.options.timeoutMs);
        }
        const location = answer.headers.location;
        if (answer.status >= 300 && answer.status < 400 && location) {
            const target = URL.canParse(location, request.url.href) ? new URL(location, request.url) : undefined;
            if (!target)
                throw new ActionError(`${describe(request)} at ${request.url.origin} redirected to an unreadable location`);
            return this.followRedirect(request, target, timeoutMs, redirects);
        }
        this.options.debug?.(`${describe(request)} at ${request.url.origin} → ${answer.status} ${answer.statusText}, ${answer.text.length} characters in ${this.now() - started}ms`);
        const contentType = answer.headers['content-type'];
        const retryAfter = answer.headers['retry-after'];
        return {
            status: answer.status,
            statusText: answer.statusText,
            contentType: contentType ?? '',
            retryAfter: retryAfter ?? null,
            text: answer.text
        };
    }
    followRedirect(request, target, timeoutMs, redirects) {
        if (target.origin !== request.url.origin) {
            throw new ActionError(`${describe(request)} at ${request.url.origin} was redirected to ${target.origin}; not followed, so the token ` +
                'is sent only to the configured host. If Appmixer moved, update tenant or base-url');
        }
        if (request.method !== 'GET' && request.method !== 'HEAD') {
            throw new ActionError(`${describe(request)} at ${request.url.origin} was redirected to ${target.pathname}; only GET and HEAD are followed`);
        }
        if (redirects >= MAX_REDIRECTS)
            throw new ActionError(`${describe(request)} at ${request.url.origin}: more than ${MAX_REDIRECTS} redirects`);
        return this.sendOnce({ ...request, url: target }, timeoutMs, redirects + 1);
    }
}
class TimeoutError extends Error {
    code = 'ETIMEDOUT';
}
/** One request and its whole (decompressed) answer; the timeout covers both. */
function exchange(request, headers, agent, timeoutMs, clock) {
    return new Promise((resolve, reject) => {
        const send = request.url.protocol === 'https:' ? (external_node_https_default()).request : (external_node_http_default()).request;
        const req = send(request.url, { method: request.method, headers, agent }, res => {
            // Decoded as it arrives: no second copy of a large body as one Buffer.
            const decoder = new external_node_string_decoder_namespaceObject.StringDecoder('utf8');
            let text = '';
            const encoding = String(res.headers['content-encoding'] ?? '').toLowerCase();
            const decompress = encoding === 'gzip'
                ? external_node_zlib_default().createGunzip()
                : encoding === 'deflate'
                    ? external_node_zlib_default().createInflate()
                    : encoding === 'br'
                        ? external_node_zlib_default().createBrotliDecompress()
                        : undefined;
            const body = decompress ? (0,external_node_stream_.pipeline)(res, decompress, () => undefined) : res;
            body.on('data', (chunk) => (text += decoder.write(chunk)));
            body.on('error', fail);
            res.on('aborted', () => fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
            body.on('end', () => {
                cancelTimer();
                text += decoder.end();
                resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: res.headers, text });
            });
        });
        function fail(error) {
            cancelTimer();
            req.destroy();
            reject(error);
        }
        const cancelTimer = clock.after(timeoutMs, () => fail(new TimeoutError()));
        req.on('error', fail);
        req.end(request.body);
    });
}
/** `GET /flows?limit=100`: what a message names as the request. */
function describe(request) {
    return `${request.method} ${request.url.pathname}${request.url.search}`;
}
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|DEPTH_ZERO/;
/** A request that got no HTTP answer; carries a stable code for the retry policy. */
class NetworkFailure extends Error {
    code;
    description;
    constructor(code, description) {
        super(description);
        this.code = code;
        this.description = description;
    }
    static from(error, timeoutMs, cutByDeadline = false) {
        const err = error;
        if (error instanceof TimeoutError) {
            const why = cutByDeadline ? "cut at the wait's deadline plus one 'timeout'" : "the 'timeout' input";
            return new NetworkFailure('ETIMEDOUT', `no answer within ${formatDuration(timeoutMs)} (${why})`);
        }
        const code = err.code ?? 'UNKNOWN';
        switch (code) {
            case 'ENOTFOUND':
                return new NetworkFailure(code, 'the host name does not resolve (ENOTFOUND); check the tenant or base-url input');
            case 'EAI_AGAIN':
                return new NetworkFailure(code, 'DNS lookup failed temporarily (EAI_AGAIN)');
            case 'ECONNREFUSED':
                return new NetworkFailure(code, 'connection refused (ECONNREFUSED)');
            case 'ECONNRESET':
            case 'ERR_STREAM_PREMATURE_CLOSE':
                return new NetworkFailure('ECONNRESET', 'the connection was reset before the answer was complete');
            default:
                if (TLS_CODES.test(code)) {
                    return new NetworkFailure(code, `the TLS certificate was not accepted (${code}); for a private CA, point NODE_EXTRA_CA_CERTS at its PEM file`);
                }
                // Node's messages name at most a host and port, never headers; redaction still runs later.
                return new NetworkFailure(code, `${code}: ${err.message ?? 'no details'}`);
        }
    }
    toError(message) {
        return TLS_CODES.test(this.code) ? new ActionError(message) : new UnavailableError(message);
    }
}

;// CONCATENATED MODULE: ./src/appmixer.ts


class AppmixerClient {
    transport;
    baseUrl;
    credentials;
    onToken;
    session;
    /** HTTP status of the last answer, for output `status`. */
    lastStatus;
    constructor(transport, baseUrl, credentials, 
    /** Called with every token the moment it is known, before anything else is written. */
    onToken) {
        this.transport = transport;
        this.baseUrl = baseUrl;
        this.credentials = credentials;
        this.onToken = onToken;
        if (credentials.kind === 'token') {
            onToken(credentials.token);
            this.session = { token: credentials.token, userId: userIdFromJwt(credentials.token) };
        }
    }
    get userId() {
        return this.session?.userId;
    }
    get token() {
        return this.session?.token;
    }
    /** `POST /user/auth`; a given token needs no sign-in. */
    async signIn(deadline) {
        if (this.credentials.kind === 'token')
            return this.session;
        const { username, password } = this.credentials;
        const request = this.toHttp({ method: 'POST', path: '/user/auth', body: JSON.stringify({ username, password }) });
        const response = await this.transport.send(request, deadline);
        if (response.status === 200) {
            const token = tokenFrom(response.text);
            if (token) {
                this.onToken(token.token);
                this.session = token;
                return token;
            }
        }
        throw signInError(response, username, this.baseUrl);
    }
    /** An authorised request. A 401 with password credentials means the token expired: sign in once more. */
    async request(api, deadline) {
        const session = this.session ?? (await this.signIn(deadline));
        let response = await this.transport.send(this.toHttp(api, session.token), deadline);
        if (response.status === 401 && this.credentials.kind === 'password') {
            await this.signIn(deadline);
            response = await this.transport.send(this.toHttp(api, this.session.token), deadline);
        }
        this.lastStatus = response.status;
        return response;
    }
    url(path, query = []) {
        const url = new URL(this.baseUrl.href.replace(/\/$/, '') + path);
        for (const [name, value] of query)
            url.searchParams.append(name, value);
        return url;
    }
    toHttp(api, token) {
        const headers = {};
        for (const [name, value] of api.headers ?? [])
            headers[name.toLowerCase()] = value;
        if (api.body !== undefined)
            headers['content-type'] ??= 'application/json';
        if (token)
            headers.authorization = `Bearer ${token}`;
        return { method: api.method, url: this.url(api.path, api.query), headers, body: api.body };
    }
}
/** The Boom `message` of an error body, or a short excerpt of whatever came back. */
function errorDetail(response) {
    try {
        const body = JSON.parse(response.text);
        if (typeof body?.message === 'string' && body.message)
            return excerpt(body.message);
        if (typeof body?.error === 'string' && body.error)
            return excerpt(body.error);
    }
    catch {
        // not JSON: fall through to an excerpt
    }
    if (/^\s*</.test(response.text))
        return `an HTML page (${response.contentType || 'no content type'}), not JSON`;
    return response.text.trim() ? excerpt(response.text) : 'an empty body';
}
/** What a workflow author should do about an HTTP error status. */
function hintFor(status) {
    if (status === 401)
        return 'The token was refused: it may have expired or belong to another Appmixer instance.';
    if (status === 403)
        return 'The signed-in user lacks the permission (scope or ACL) for this endpoint.';
    if (status === 404)
        return 'Check the endpoint path and any flow or resource id in it.';
    if (status === 400)
        return 'Appmixer rejected the request; check body, query and headers.';
    if (status >= 500)
        return 'Appmixer failed to answer; try again later or ask its administrator.';
    return '';
}
function httpError(request, response) {
    const hint = hintFor(response.status);
    return errorForStatus(response.status, `${describe(request)} at ${request.url.origin} returned ${response.status} ${response.statusText}: ${errorDetail(response)}.` +
        (hint ? ` ${hint}` : ''));
}
function signInError(response, username, baseUrl) {
    const at = `${baseUrl.origin}${baseUrl.pathname === '/' ? '' : baseUrl.pathname}`;
    if (response.status === 403 || response.status === 401) {
        return new ActionError(`Appmixer refused the credentials of user '${username}' at ${at} (POST /user/auth returned ${response.status}: ` +
            `${errorDetail(response)}). Check the username and password secrets; an SSO-only account cannot sign in with a password.`);
    }
    if (response.status === 200) {
        return new ActionError(`POST /user/auth at ${at} answered 200 without a token; is ${at} an Appmixer API?`);
    }
    return httpError({ method: 'POST', url: new URL(`${at}/user/auth`) }, response);
}
function tokenFrom(text) {
    try {
        const body = JSON.parse(text);
        if (typeof body.token !== 'string' || !body.token)
            return undefined;
        const userId = typeof body.user?.id === 'string' ? body.user.id : userIdFromJwt(body.token);
        return { token: body.token, userId };
    }
    catch {
        return undefined;
    }
}
/** Appmixer tokens are JWTs whose payload holds the user `id`; read it without verifying. */
function userIdFromJwt(token) {
    const payload = token.split('.')[1];
    if (!payload)
        return undefined;
    try {
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        return typeof claims.id === 'string' ? claims.id : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/clock.ts
const systemClock = {
    now: () => Date.now(),
    sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
    after: (ms, fn) => {
        const timer = setTimeout(fn, ms);
        return () => clearTimeout(timer);
    }
};
/** An ISO 8601 timestamp of a clock reading, e.g. for a Lucene range in a logs query. */
function isoTime(epochMs) {
    return new Date(epochMs).toISOString();
}

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
;// CONCATENATED MODULE: ./node_modules/@jmespath-community/jmespath/dist/index.mjs
// src/utils/index.ts
var isObject = (obj) => {
  return obj !== null && Object.prototype.toString.call(obj) === "[object Object]";
};
var strictDeepEqual = (first, second) => {
  if (first === second) {
    return true;
  }
  if (typeof first !== typeof second) {
    return false;
  }
  if (Array.isArray(first) && Array.isArray(second)) {
    if (first.length !== second.length) {
      return false;
    }
    for (let i = 0; i < first.length; i += 1) {
      if (!strictDeepEqual(first[i], second[i])) {
        return false;
      }
    }
    return true;
  }
  if (isObject(first) && isObject(second)) {
    const firstEntries = Object.entries(first);
    const secondKeys = new Set(Object.keys(second));
    if (firstEntries.length !== secondKeys.size) {
      return false;
    }
    for (const [key, value] of firstEntries) {
      if (!strictDeepEqual(value, second[key])) {
        return false;
      }
      secondKeys.delete(key);
    }
    return secondKeys.size === 0;
  }
  return false;
};
var isFalse = (obj) => {
  if (obj === null || obj === void 0 || obj === false) {
    return true;
  }
  if (typeof obj === "string") {
    return obj === "";
  }
  if (typeof obj === "object") {
    if (Array.isArray(obj)) {
      return obj.length === 0;
    }
    if (obj === null) {
      return true;
    }
    return Object.keys(obj).length === 0;
  }
  return false;
};
var isAlpha = (ch) => {
  return ch >= "a" && ch <= "z" || ch >= "A" && ch <= "Z" || ch === "_";
};
var isNum = (ch) => {
  return ch >= "0" && ch <= "9" || ch === "-";
};
var isAlphaNum = (ch) => {
  return ch >= "a" && ch <= "z" || ch >= "A" && ch <= "Z" || ch >= "0" && ch <= "9" || ch === "_";
};
var ensureInteger = (value) => {
  if (!(typeof value === "number") || Math.floor(value) !== value) {
    throw new Error("invalid-value: expecting an integer.");
  }
  return value;
};
var ensurePositiveInteger = (value) => {
  if (!(typeof value === "number") || value < 0 || Math.floor(value) !== value) {
    throw new Error("invalid-value: expecting a non-negative integer.");
  }
  return value;
};
var ensureNumbers = (...operands) => {
  for (let i = 0; i < operands.length; i++) {
    if (operands[i] === null || operands[i] === void 0) {
      throw new Error("not-a-number: undefined");
    }
    if (typeof operands[i] !== "number") {
      throw new Error("not-a-number");
    }
  }
};
var notZero = (n) => {
  n = +n;
  if (!n) {
    throw new Error("not-a-number: divide by zero");
  }
  return n;
};
var add = (left, right) => {
  ensureNumbers(left, right);
  const result = left + right;
  return result;
};
var sub = (left, right) => {
  ensureNumbers(left, right);
  const result = left - right;
  return result;
};
var mul = (left, right) => {
  ensureNumbers(left, right);
  const result = left * right;
  return result;
};
var divide = (left, right) => {
  ensureNumbers(left, right);
  const result = left / notZero(right);
  return result;
};
var div = (left, right) => {
  ensureNumbers(left, right);
  const result = Math.floor(left / notZero(right));
  return result;
};
var mod = (left, right) => {
  ensureNumbers(left, right);
  const result = left % right;
  return result;
};

// src/utils/strings.ts
var findFirst = (subject, sub2, start, end) => {
  if (!subject || !sub2) {
    return null;
  }
  start = Math.max(ensureInteger(start = start || 0), 0);
  end = Math.min(ensureInteger(end = end || subject.length), subject.length);
  const offset = subject.slice(start, end).indexOf(sub2);
  return offset === -1 ? null : offset + start;
};
var findLast = (subject, sub2, start, end) => {
  if (!subject || !sub2) {
    return null;
  }
  start = Math.max(ensureInteger(start = start || 0), 0);
  end = Math.min(ensureInteger(end = end || subject.length), subject.length);
  const offset = subject.slice(start, end).lastIndexOf(sub2);
  const result = offset === -1 ? null : offset + start;
  return result;
};
var lower = (subject) => subject.toLowerCase();
var ensurePadFuncParams = (name, width, padding) => {
  padding = padding || " ";
  if (padding.length > 1) {
    throw new Error(`invalid value, ${name} expects its 'pad' parameter to be a valid string with a single codepoint`);
  }
  ensurePositiveInteger(width);
  return padding;
};
var padLeft = (subject, width, padding) => {
  padding = ensurePadFuncParams("pad_left", width, padding);
  return subject && subject.padStart(width, padding) || "";
};
var padRight = (subject, width, padding) => {
  padding = ensurePadFuncParams("pad_right", width, padding);
  return subject && subject.padEnd(width, padding) || "";
};
var replace = (subject, string, by, count) => {
  if (count === 0) {
    return subject;
  }
  if (!count) {
    return subject.split(string).join(by);
  }
  ensurePositiveInteger(count);
  [...Array(count).keys()].map(() => subject = subject.replace(string, by));
  return subject;
};
var split = (subject, search2, count) => {
  if (subject.length == 0 && search2.length === 0) {
    return [];
  }
  if (count === null || count === void 0) {
    return subject.split(search2);
  }
  ensurePositiveInteger(count);
  if (count === 0) {
    return [subject];
  }
  const split2 = subject.split(search2);
  return [...split2.slice(0, count), split2.slice(count).join(search2)];
};
var trim = (subject, chars) => {
  return trimLeft(trimRight(subject, chars), chars);
};
var trimLeft = (subject, chars) => {
  return trimImpl(subject, (list) => new RegExp(`^[${list}]*(.*?)`), chars);
};
var trimRight = (subject, chars) => {
  return trimImpl(subject, (list) => new RegExp(`(.*?)[${list}]*$`), chars);
};
var trimImpl = (subject, regExper, chars) => {
  const pattern = chars ? chars.replace(/[-/\\^$*+?.()|[\]{}]/g, "\\$&") : "\\s\x85";
  return subject.replace(regExper(pattern), "$1");
};
var upper = (subject) => subject.toUpperCase();

// src/Lexer.ts
var basicTokens = {
  "(": "Lparen" /* TOK_LPAREN */,
  ")": "Rparen" /* TOK_RPAREN */,
  "*": "Star" /* TOK_STAR */,
  ",": "Comma" /* TOK_COMMA */,
  ".": "Dot" /* TOK_DOT */,
  ":": "Colon" /* TOK_COLON */,
  "@": "Current" /* TOK_CURRENT */,
  "]": "Rbracket" /* TOK_RBRACKET */,
  "{": "Lbrace" /* TOK_LBRACE */,
  "}": "Rbrace" /* TOK_RBRACE */,
  "+": "Plus" /* TOK_PLUS */,
  "%": "Modulo" /* TOK_MODULO */,
  "?": "Question" /* TOK_QUESTION */,
  "\u2212": "Minus" /* TOK_MINUS */,
  "\xD7": "Multiply" /* TOK_MULTIPLY */,
  "\xF7": "Divide" /* TOK_DIVIDE */
};
var operatorStartToken = {
  "!": true,
  "<": true,
  "=": true,
  ">": true,
  "&": true,
  "|": true,
  "/": true
};
var skipChars = {
  "	": true,
  "\n": true,
  "\r": true,
  " ": true
};
var StreamLexer = class {
  _current = 0;
  _enable_legacy_literals = false;
  tokenize(stream, options) {
    const tokens = [];
    this._current = 0;
    this._enable_legacy_literals = options?.enable_legacy_literals || false;
    let start;
    let identifier;
    let token;
    while (this._current < stream.length) {
      if (isAlpha(stream[this._current])) {
        start = this._current;
        identifier = this.consumeUnquotedIdentifier(stream);
        tokens.push({
          start,
          type: "UnquotedIdentifier" /* TOK_UNQUOTEDIDENTIFIER */,
          value: identifier
        });
      } else if (basicTokens[stream[this._current]] !== void 0) {
        tokens.push({
          start: this._current,
          type: basicTokens[stream[this._current]],
          value: stream[this._current]
        });
        this._current += 1;
      } else if (stream[this._current] === "$") {
        start = this._current;
        if (this._current + 1 < stream.length && isAlpha(stream[this._current + 1])) {
          this._current += 1;
          identifier = this.consumeUnquotedIdentifier(stream);
          tokens.push({
            start,
            type: "Variable" /* TOK_VARIABLE */,
            value: identifier
          });
        } else {
          tokens.push({
            start,
            type: "Root" /* TOK_ROOT */,
            value: stream[this._current]
          });
          this._current += 1;
        }
      } else if (stream[this._current] === "-") {
        if (this._current + 1 < stream.length && isNum(stream[this._current + 1])) {
          const token2 = this.consumeNumber(stream);
          token2 && tokens.push(token2);
        } else {
          const token2 = {
            start: this._current,
            type: "Minus" /* TOK_MINUS */,
            value: "-"
          };
          tokens.push(token2);
          this._current += 1;
        }
      } else if (isNum(stream[this._current])) {
        token = this.consumeNumber(stream);
        tokens.push(token);
      } else if (stream[this._current] === "[") {
        token = this.consumeLBracket(stream);
        tokens.push(token);
      } else if (stream[this._current] === '"') {
        start = this._current;
        identifier = this.consumeQuotedIdentifier(stream);
        tokens.push({
          start,
          type: "QuotedIdentifier" /* TOK_QUOTEDIDENTIFIER */,
          value: identifier
        });
      } else if (stream[this._current] === `'`) {
        start = this._current;
        identifier = this.consumeRawStringLiteral(stream);
        tokens.push({
          start,
          type: "Literal" /* TOK_LITERAL */,
          value: identifier
        });
      } else if (stream[this._current] === "`") {
        start = this._current;
        const literal = this.consumeLiteral(stream);
        tokens.push({
          start,
          type: "Literal" /* TOK_LITERAL */,
          value: literal
        });
      } else if (operatorStartToken[stream[this._current]] !== void 0) {
        token = this.consumeOperator(stream);
        token && tokens.push(token);
      } else if (skipChars[stream[this._current]] !== void 0) {
        this._current += 1;
      } else {
        const error = new Error(`Syntax error: unknown character: ${stream[this._current]}`);
        error.name = "LexerError";
        throw error;
      }
    }
    return tokens;
  }
  consumeUnquotedIdentifier(stream) {
    const start = this._current;
    this._current += 1;
    while (this._current < stream.length && isAlphaNum(stream[this._current])) {
      this._current += 1;
    }
    return stream.slice(start, this._current);
  }
  consumeQuotedIdentifier(stream) {
    const start = this._current;
    this._current += 1;
    const maxLength = stream.length;
    while (stream[this._current] !== '"' && this._current < maxLength) {
      let current = this._current;
      if (stream[current] === "\\" && (stream[current + 1] === "\\" || stream[current + 1] === '"')) {
        current += 2;
      } else {
        current += 1;
      }
      this._current = current;
    }
    this._current += 1;
    const [value, ok] = this.parseJSON(stream.slice(start, this._current));
    if (!ok) {
      const error = new Error(`syntax: unexpected end of JSON input`);
      error.name = "LexerError";
      throw error;
    }
    return value;
  }
  consumeRawStringLiteral(stream) {
    const start = this._current;
    this._current += 1;
    const maxLength = stream.length;
    while (stream[this._current] !== `'` && this._current < maxLength) {
      let current = this._current;
      if (stream[current] === "\\" && (stream[current + 1] === "\\" || stream[current + 1] === `'`)) {
        current += 2;
      } else {
        current += 1;
      }
      this._current = current;
    }
    this._current += 1;
    const literal = stream.slice(start + 1, this._current - 1);
    return replace(replace(literal, `\\\\`, `\\`), `\\'`, `'`);
  }
  consumeNumber(stream) {
    const start = this._current;
    this._current += 1;
    const maxLength = stream.length;
    while (isNum(stream[this._current]) && this._current < maxLength) {
      this._current += 1;
    }
    const value = parseInt(stream.slice(start, this._current), 10);
    return { start, value, type: "Number" /* TOK_NUMBER */ };
  }
  consumeLBracket(stream) {
    const start = this._current;
    this._current += 1;
    if (stream[this._current] === "?") {
      this._current += 1;
      return { start, type: "Filter" /* TOK_FILTER */, value: "[?" };
    }
    if (stream[this._current] === "]") {
      this._current += 1;
      return { start, type: "Flatten" /* TOK_FLATTEN */, value: "[]" };
    }
    return { start, type: "Lbracket" /* TOK_LBRACKET */, value: "[" };
  }
  consumeOrElse(stream, peek, token, orElse) {
    const start = this._current;
    this._current += 1;
    if (this._current < stream.length && stream[this._current] === peek) {
      this._current += 1;
      return {
        start,
        type: orElse,
        value: stream.slice(start, this._current)
      };
    }
    return { start, type: token, value: stream[start] };
  }
  consumeOperator(stream) {
    const start = this._current;
    const startingChar = stream[start];
    switch (startingChar) {
      case "!":
        return this.consumeOrElse(stream, "=", "Not" /* TOK_NOT */, "NE" /* TOK_NE */);
      case "<":
        return this.consumeOrElse(stream, "=", "LT" /* TOK_LT */, "LTE" /* TOK_LTE */);
      case ">":
        return this.consumeOrElse(stream, "=", "GT" /* TOK_GT */, "GTE" /* TOK_GTE */);
      case "=":
        return this.consumeOrElse(stream, "=", "Assign" /* TOK_ASSIGN */, "EQ" /* TOK_EQ */);
      case "&":
        return this.consumeOrElse(stream, "&", "Expref" /* TOK_EXPREF */, "And" /* TOK_AND */);
      case "|":
        return this.consumeOrElse(stream, "|", "Pipe" /* TOK_PIPE */, "Or" /* TOK_OR */);
      case "/":
        return this.consumeOrElse(stream, "/", "Divide" /* TOK_DIVIDE */, "Div" /* TOK_DIV */);
    }
  }
  consumeLiteral(stream) {
    this._current += 1;
    const start = this._current;
    const maxLength = stream.length;
    while (stream[this._current] !== "`" && this._current < maxLength) {
      let current = this._current;
      if (stream[current] === "\\" && (stream[current + 1] === "\\" || stream[current + 1] === "`")) {
        current += 2;
      } else {
        current += 1;
      }
      this._current = current;
    }
    let literalString = stream.slice(start, this._current).trimStart();
    literalString = literalString.replace("\\`", "`");
    let literal = null;
    let ok = false;
    if (this.looksLikeJSON(literalString)) {
      [literal, ok] = this.parseJSON(literalString);
    }
    if (!ok && this._enable_legacy_literals) {
      [literal, ok] = this.parseJSON(`"${literalString}"`);
    }
    if (!ok) {
      const error = new Error(
        `Syntax error: unexpected end of JSON input or invalid format for a JSON literal: ${stream[this._current]}`
      );
      error.name = "LexerError";
      throw error;
    }
    this._current += 1;
    return literal;
  }
  looksLikeJSON(literalString) {
    const startingChars = '[{"';
    const jsonLiterals = ["true", "false", "null"];
    const numberLooking = "-0123456789";
    if (literalString === "") {
      return false;
    }
    if (startingChars.includes(literalString[0])) {
      return true;
    }
    if (jsonLiterals.includes(literalString)) {
      return true;
    }
    if (numberLooking.includes(literalString[0])) {
      const [_, ok] = this.parseJSON(literalString);
      return ok;
    }
    return false;
  }
  parseJSON(text) {
    try {
      const json = JSON.parse(text);
      return [json, true];
    } catch {
      return [null, false];
    }
  }
};
var Lexer = new StreamLexer();
var Lexer_default = Lexer;

// src/Parser.ts
var bindingPower = {
  ["EOF" /* TOK_EOF */]: 0,
  ["Variable" /* TOK_VARIABLE */]: 0,
  ["UnquotedIdentifier" /* TOK_UNQUOTEDIDENTIFIER */]: 0,
  ["QuotedIdentifier" /* TOK_QUOTEDIDENTIFIER */]: 0,
  ["Rbracket" /* TOK_RBRACKET */]: 0,
  ["Rparen" /* TOK_RPAREN */]: 0,
  ["Comma" /* TOK_COMMA */]: 0,
  ["Rbrace" /* TOK_RBRACE */]: 0,
  ["Number" /* TOK_NUMBER */]: 0,
  ["Current" /* TOK_CURRENT */]: 0,
  ["Expref" /* TOK_EXPREF */]: 0,
  ["Root" /* TOK_ROOT */]: 0,
  ["Assign" /* TOK_ASSIGN */]: 1,
  ["Pipe" /* TOK_PIPE */]: 1,
  ["Question" /* TOK_QUESTION */]: 2,
  ["Or" /* TOK_OR */]: 3,
  ["And" /* TOK_AND */]: 4,
  ["EQ" /* TOK_EQ */]: 5,
  ["GT" /* TOK_GT */]: 5,
  ["LT" /* TOK_LT */]: 5,
  ["GTE" /* TOK_GTE */]: 5,
  ["LTE" /* TOK_LTE */]: 5,
  ["NE" /* TOK_NE */]: 5,
  ["Minus" /* TOK_MINUS */]: 6,
  ["Plus" /* TOK_PLUS */]: 6,
  ["Div" /* TOK_DIV */]: 7,
  ["Divide" /* TOK_DIVIDE */]: 7,
  ["Modulo" /* TOK_MODULO */]: 7,
  ["Multiply" /* TOK_MULTIPLY */]: 7,
  ["Flatten" /* TOK_FLATTEN */]: 9,
  ["Star" /* TOK_STAR */]: 20,
  ["Filter" /* TOK_FILTER */]: 21,
  ["Dot" /* TOK_DOT */]: 40,
  ["Not" /* TOK_NOT */]: 45,
  ["Lbrace" /* TOK_LBRACE */]: 50,
  ["Lbracket" /* TOK_LBRACKET */]: 55,
  ["Lparen" /* TOK_LPAREN */]: 60
};
var TokenParser = class _TokenParser {
  index = 0;
  tokens = [];
  parse(expression, options) {
    this.loadTokens(expression, options || { enable_legacy_literals: false });
    this.index = 0;
    const ast = this.expression(0);
    if (this.lookahead(0) !== "EOF" /* TOK_EOF */) {
      const token = this.lookaheadToken(0);
      this.errorToken(token, `Syntax error: unexpected token type: ${token.type}, value: ${token.value}`);
    }
    return ast;
  }
  loadTokens(expression, options) {
    this.tokens = Lexer_default.tokenize(expression, options);
    this.tokens.push({ type: "EOF" /* TOK_EOF */, value: "", start: expression.length });
  }
  expression(rbp) {
    const leftToken = this.lookaheadToken(0);
    this.advance();
    let left = this.nud(leftToken);
    let currentTokenType = this.lookahead(0);
    while (rbp < bindingPower[currentTokenType]) {
      this.advance();
      left = this.led(currentTokenType, left);
      currentTokenType = this.lookahead(0);
    }
    return left;
  }
  lookahead(offset) {
    return this.tokens[this.index + offset].type;
  }
  lookaheadToken(offset) {
    return this.tokens[this.index + offset];
  }
  advance() {
    this.index += 1;
  }
  nud(token) {
    switch (token.type) {
      case "Variable" /* TOK_VARIABLE */:
        return { type: "Variable", name: token.value };
      case "Literal" /* TOK_LITERAL */:
        return { type: "Literal", value: token.value };
      case "UnquotedIdentifier" /* TOK_UNQUOTEDIDENTIFIER */: {
        if (_TokenParser.isKeyword(token, "let") && this.lookahead(0) === "Variable" /* TOK_VARIABLE */) {
          return this.parseLetExpression();
        } else {
          return { type: "Field", name: token.value };
        }
      }
      case "QuotedIdentifier" /* TOK_QUOTEDIDENTIFIER */:
        if (this.lookahead(0) === "Lparen" /* TOK_LPAREN */) {
          throw new Error("Syntax error: quoted identifier not allowed for function names.");
        } else {
          return { type: "Field", name: token.value };
        }
      case "Not" /* TOK_NOT */: {
        const child = this.expression(bindingPower.Not);
        return { type: "NotExpression", child };
      }
      case "Minus" /* TOK_MINUS */: {
        const child = this.expression(bindingPower.Minus);
        return {
          type: "Unary",
          operator: token.type,
          operand: child
        };
      }
      case "Plus" /* TOK_PLUS */: {
        const child = this.expression(bindingPower.Plus);
        return {
          type: "Unary",
          operator: token.type,
          operand: child
        };
      }
      case "Star" /* TOK_STAR */: {
        const left = { type: "Identity" };
        return { type: "ValueProjection", left, right: this.parseProjectionRHS(bindingPower.Star) };
      }
      case "Filter" /* TOK_FILTER */:
        return this.led(token.type, { type: "Identity" });
      case "Lbrace" /* TOK_LBRACE */:
        return this.parseMultiselectHash();
      case "Flatten" /* TOK_FLATTEN */: {
        const left = {
          type: "Flatten",
          child: { type: "Identity" }
        };
        const right = this.parseProjectionRHS(bindingPower.Flatten);
        return { type: "Projection", left, right };
      }
      case "Lbracket" /* TOK_LBRACKET */: {
        if (this.lookahead(0) === "Number" /* TOK_NUMBER */ || this.lookahead(0) === "Colon" /* TOK_COLON */) {
          const right = this.parseIndexExpression();
          return this.projectIfSlice({ type: "Identity" }, right);
        }
        if (this.lookahead(0) === "Star" /* TOK_STAR */ && this.lookahead(1) === "Rbracket" /* TOK_RBRACKET */) {
          this.advance();
          this.advance();
          const right = this.parseProjectionRHS(bindingPower.Star);
          return {
            left: { type: "Identity" },
            right,
            type: "Projection"
          };
        }
        return this.parseMultiselectList();
      }
      case "Current" /* TOK_CURRENT */:
        return { type: "Current" /* TOK_CURRENT */ };
      case "Root" /* TOK_ROOT */:
        return { type: "Root" /* TOK_ROOT */ };
      case "Expref" /* TOK_EXPREF */: {
        const child = this.expression(bindingPower.Expref);
        return { type: "ExpressionReference", child };
      }
      case "Lparen" /* TOK_LPAREN */: {
        const expression = this.expression(0);
        this.match("Rparen" /* TOK_RPAREN */);
        return expression;
      }
      default:
        this.errorToken(token);
    }
  }
  led(tokenName, left) {
    switch (tokenName) {
      case "Question" /* TOK_QUESTION */: {
        const trueExpr = this.expression(0);
        this.match("Colon" /* TOK_COLON */);
        const falseExpr = this.expression(0);
        return {
          type: "Ternary",
          condition: left,
          trueExpr,
          falseExpr
        };
      }
      case "Dot" /* TOK_DOT */: {
        const rbp = bindingPower.Dot;
        if (this.lookahead(0) !== "Star" /* TOK_STAR */) {
          const right2 = this.parseDotRHS(rbp);
          return { type: "Subexpression", left, right: right2 };
        }
        this.advance();
        const right = this.parseProjectionRHS(rbp);
        return { type: "ValueProjection", left, right };
      }
      case "Pipe" /* TOK_PIPE */: {
        const right = this.expression(bindingPower.Pipe);
        return { type: "Pipe", left, right };
      }
      case "Or" /* TOK_OR */: {
        const right = this.expression(bindingPower.Or);
        return { type: "OrExpression", left, right };
      }
      case "And" /* TOK_AND */: {
        const right = this.expression(bindingPower.And);
        return { type: "AndExpression", left, right };
      }
      case "Lparen" /* TOK_LPAREN */: {
        if (left.type !== "Field") {
          throw new Error("Syntax error: expected a Field node");
        }
        const name = left.name;
        const args = this.parseCommaSeparatedExpressionsUntilToken("Rparen" /* TOK_RPAREN */);
        const node = { name, type: "Function", children: args };
        return node;
      }
      case "Filter" /* TOK_FILTER */: {
        const condition = this.expression(0);
        this.match("Rbracket" /* TOK_RBRACKET */);
        const right = this.lookahead(0) === "Flatten" /* TOK_FLATTEN */ ? { type: "Identity" } : this.parseProjectionRHS(bindingPower.Filter);
        return { type: "FilterProjection", left, right, condition };
      }
      case "Flatten" /* TOK_FLATTEN */: {
        const leftNode = { type: "Flatten", child: left };
        const right = this.parseProjectionRHS(bindingPower.Flatten);
        return { type: "Projection", left: leftNode, right };
      }
      case "Assign" /* TOK_ASSIGN */: {
        const leftNode = left;
        const right = this.expression(0);
        return {
          type: "Binding",
          variable: leftNode.name,
          reference: right
        };
      }
      case "EQ" /* TOK_EQ */:
      case "NE" /* TOK_NE */:
      case "GT" /* TOK_GT */:
      case "GTE" /* TOK_GTE */:
      case "LT" /* TOK_LT */:
      case "LTE" /* TOK_LTE */:
        return this.parseComparator(left, tokenName);
      case "Plus" /* TOK_PLUS */:
      case "Minus" /* TOK_MINUS */:
      case "Multiply" /* TOK_MULTIPLY */:
      case "Star" /* TOK_STAR */:
      case "Divide" /* TOK_DIVIDE */:
      case "Modulo" /* TOK_MODULO */:
      case "Div" /* TOK_DIV */:
        return this.parseArithmetic(left, tokenName);
      case "Lbracket" /* TOK_LBRACKET */: {
        const token = this.lookaheadToken(0);
        if (token.type === "Number" /* TOK_NUMBER */ || token.type === "Colon" /* TOK_COLON */) {
          const right2 = this.parseIndexExpression();
          return this.projectIfSlice(left, right2);
        }
        this.match("Star" /* TOK_STAR */);
        this.match("Rbracket" /* TOK_RBRACKET */);
        const right = this.parseProjectionRHS(bindingPower.Star);
        return { type: "Projection", left, right };
      }
      default:
        return this.errorToken(this.lookaheadToken(0));
    }
  }
  static isKeyword(token, keyword) {
    return token.type === "UnquotedIdentifier" /* TOK_UNQUOTEDIDENTIFIER */ && token.value === keyword;
  }
  match(tokenType) {
    if (this.lookahead(0) === tokenType) {
      this.advance();
      return;
    } else {
      const token = this.lookaheadToken(0);
      this.errorToken(token, `Syntax error: expected ${tokenType}, got: ${token.type}`);
    }
  }
  errorToken(token, message = "") {
    const error = new Error(message || `Syntax error: invalid token (${token.type}): "${token.value}"`);
    error.name = "ParserError";
    throw error;
  }
  parseIndexExpression() {
    if (this.lookahead(0) === "Colon" /* TOK_COLON */ || this.lookahead(1) === "Colon" /* TOK_COLON */) {
      return this.parseSliceExpression();
    }
    const value = Number(this.lookaheadToken(0).value);
    this.advance();
    this.match("Rbracket" /* TOK_RBRACKET */);
    return { type: "Index", value };
  }
  projectIfSlice(left, right) {
    const indexExpr = {
      type: "IndexExpression",
      left,
      right
    };
    if (right.type === "Slice") {
      return {
        left: indexExpr,
        right: this.parseProjectionRHS(bindingPower.Star),
        type: "Projection"
      };
    }
    return indexExpr;
  }
  parseSliceExpression() {
    const parts = [null, null, null];
    let index = 0;
    let current = this.lookaheadToken(0);
    while (current.type != "Rbracket" /* TOK_RBRACKET */ && index < 3) {
      if (current.type === "Colon" /* TOK_COLON */) {
        index++;
        if (index === 3) {
          this.errorToken(this.lookaheadToken(0), "Syntax error, too many colons in slice expression");
        }
        this.advance();
      } else if (current.type === "Number" /* TOK_NUMBER */) {
        const part = this.lookaheadToken(0).value;
        parts[index] = part;
        this.advance();
      } else {
        const next = this.lookaheadToken(0);
        this.errorToken(next, `Syntax error, unexpected token: ${next.value}(${next.type})`);
      }
      current = this.lookaheadToken(0);
    }
    this.match("Rbracket" /* TOK_RBRACKET */);
    const [start, stop, step] = parts;
    return { type: "Slice", start, stop, step };
  }
  parseLetExpression() {
    const separated = this.parseCommaSeparatedExpressionsUntilKeyword("in");
    const expression = this.expression(0);
    const bindings = separated.map((binding) => binding);
    return {
      type: "LetExpression",
      bindings,
      expression
    };
  }
  parseCommaSeparatedExpressionsUntilKeyword(keyword) {
    return this.parseCommaSeparatedExpressionsUntil(
      () => {
        return _TokenParser.isKeyword(this.lookaheadToken(0), keyword);
      },
      () => {
        this.advance();
      }
    );
  }
  parseCommaSeparatedExpressionsUntilToken(token) {
    return this.parseCommaSeparatedExpressionsUntil(
      () => {
        return this.lookahead(0) === token;
      },
      () => {
        return this.match(token);
      }
    );
  }
  parseCommaSeparatedExpressionsUntil(isEndToken, matchEndToken) {
    const args = [];
    let expression;
    while (!isEndToken()) {
      expression = this.expression(0);
      if (this.lookahead(0) === "Comma" /* TOK_COMMA */) {
        this.match("Comma" /* TOK_COMMA */);
      }
      args.push(expression);
    }
    matchEndToken();
    return args;
  }
  parseComparator(left, comparator) {
    const right = this.expression(bindingPower[comparator]);
    return { type: "Comparator", name: comparator, left, right };
  }
  parseArithmetic(left, operator) {
    const right = this.expression(bindingPower[operator]);
    return { type: "Arithmetic", operator, left, right };
  }
  parseDotRHS(rbp) {
    const lookahead = this.lookahead(0);
    const exprTokens = ["UnquotedIdentifier" /* TOK_UNQUOTEDIDENTIFIER */, "QuotedIdentifier" /* TOK_QUOTEDIDENTIFIER */, "Star" /* TOK_STAR */];
    if (exprTokens.includes(lookahead)) {
      return this.expression(rbp);
    }
    if (lookahead === "Lbracket" /* TOK_LBRACKET */) {
      this.match("Lbracket" /* TOK_LBRACKET */);
      return this.parseMultiselectList();
    }
    if (lookahead === "Lbrace" /* TOK_LBRACE */) {
      this.match("Lbrace" /* TOK_LBRACE */);
      return this.parseMultiselectHash();
    }
    const token = this.lookaheadToken(0);
    this.errorToken(token, `Syntax error, unexpected token: ${token.value}(${token.type})`);
  }
  parseProjectionRHS(rbp) {
    if (bindingPower[this.lookahead(0)] < 10) {
      return { type: "Identity" };
    }
    if (this.lookahead(0) === "Lbracket" /* TOK_LBRACKET */) {
      return this.expression(rbp);
    }
    if (this.lookahead(0) === "Filter" /* TOK_FILTER */) {
      return this.expression(rbp);
    }
    if (this.lookahead(0) === "Dot" /* TOK_DOT */) {
      this.match("Dot" /* TOK_DOT */);
      return this.parseDotRHS(rbp);
    }
    const token = this.lookaheadToken(0);
    this.errorToken(token, `Syntax error, unexpected token: ${token.value}(${token.type})`);
  }
  parseMultiselectList() {
    const expressions = [];
    while (this.lookahead(0) !== "Rbracket" /* TOK_RBRACKET */) {
      const expression = this.expression(0);
      expressions.push(expression);
      if (this.lookahead(0) === "Comma" /* TOK_COMMA */) {
        this.match("Comma" /* TOK_COMMA */);
        if (this.lookahead(0) === "Rbracket" /* TOK_RBRACKET */) {
          throw new Error("Syntax error: unexpected token Rbracket");
        }
      }
    }
    this.match("Rbracket" /* TOK_RBRACKET */);
    return { type: "MultiSelectList", children: expressions };
  }
  parseMultiselectHash() {
    const pairs = [];
    const identifierTypes = ["UnquotedIdentifier" /* TOK_UNQUOTEDIDENTIFIER */, "QuotedIdentifier" /* TOK_QUOTEDIDENTIFIER */];
    let keyToken;
    let keyName;
    let value;
    for (; ; ) {
      keyToken = this.lookaheadToken(0);
      if (!identifierTypes.includes(keyToken.type)) {
        throw new Error(`Syntax error: expecting an identifier token, got: ${keyToken.type}`);
      }
      keyName = keyToken.value;
      this.advance();
      this.match("Colon" /* TOK_COLON */);
      value = this.expression(0);
      pairs.push({ value, type: "KeyValuePair", name: keyName });
      if (this.lookahead(0) === "Comma" /* TOK_COMMA */) {
        this.match("Comma" /* TOK_COMMA */);
      } else if (this.lookahead(0) === "Rbrace" /* TOK_RBRACE */) {
        this.match("Rbrace" /* TOK_RBRACE */);
        break;
      }
    }
    return { type: "MultiSelectHash", children: pairs };
  }
};
var Parser = new TokenParser();
var Parser_default = Parser;

// src/utils/text.ts
var Text = class _Text {
  _text;
  constructor(text) {
    this._text = text;
  }
  get string() {
    return this._text;
  }
  get length() {
    return this.codePoints.length;
  }
  compareTo(other) {
    return _Text.compare(this, new _Text(other));
  }
  static get comparer() {
    const stringComparer = (left, right) => {
      return new _Text(left).compareTo(right);
    };
    return stringComparer;
  }
  static compare(left, right) {
    const leftCp = left.codePoints;
    const rightCp = right.codePoints;
    for (let index = 0; index < Math.min(leftCp.length, rightCp.length); index++) {
      if (leftCp[index] === rightCp[index]) {
        continue;
      }
      return leftCp[index] - rightCp[index] > 0 ? 1 : -1;
    }
    return leftCp.length - rightCp.length > 0 ? 1 : -1;
  }
  reverse() {
    return String.fromCodePoint(...this.codePoints.reverse());
  }
  get codePoints() {
    const array = [...this._text].map((s) => s.codePointAt(0));
    return array;
  }
};

// src/Runtime.ts
var createMathFunction = (mathFn) => ([value]) => mathFn(value);
var createStringFunction = (stringFn) => ([subject]) => stringFn(subject);
var createObjectFunction = (objFn) => ([obj]) => objFn(obj);
var Runtime = class {
  _interpreter;
  _functionTable;
  _customFunctions = /* @__PURE__ */ new Set();
  TYPE_NAME_TABLE = Object.freeze({
    [0 /* TYPE_NUMBER */]: "number",
    [1 /* TYPE_ANY */]: "any",
    [2 /* TYPE_STRING */]: "string",
    [3 /* TYPE_ARRAY */]: "array",
    [4 /* TYPE_OBJECT */]: "object",
    [5 /* TYPE_BOOLEAN */]: "boolean",
    [6 /* TYPE_EXPREF */]: "expression",
    [7 /* TYPE_NULL */]: "null",
    [8 /* TYPE_ARRAY_NUMBER */]: "Array<number>",
    [10 /* TYPE_ARRAY_OBJECT */]: "Array<object>",
    [9 /* TYPE_ARRAY_STRING */]: "Array<string>",
    [11 /* TYPE_ARRAY_ARRAY */]: "Array<Array<any>>"
  });
  constructor(interpreter) {
    this._interpreter = interpreter;
    this._functionTable = this.buildFunctionTable();
  }
  buildFunctionTable() {
    return {
      // Math functions
      abs: { _func: createMathFunction(Math.abs), _signature: [{ types: [0 /* TYPE_NUMBER */] }] },
      ceil: { _func: createMathFunction(Math.ceil), _signature: [{ types: [0 /* TYPE_NUMBER */] }] },
      floor: { _func: createMathFunction(Math.floor), _signature: [{ types: [0 /* TYPE_NUMBER */] }] },
      // String functions
      lower: { _func: createStringFunction(lower), _signature: [{ types: [2 /* TYPE_STRING */] }] },
      upper: { _func: createStringFunction(upper), _signature: [{ types: [2 /* TYPE_STRING */] }] },
      // Object functions
      keys: { _func: createObjectFunction(Object.keys), _signature: [{ types: [4 /* TYPE_OBJECT */] }] },
      values: { _func: createObjectFunction(Object.values), _signature: [{ types: [4 /* TYPE_OBJECT */] }] },
      // Complex functions that need custom implementations
      avg: { _func: this.functionAvg, _signature: [{ types: [8 /* TYPE_ARRAY_NUMBER */] }] },
      contains: {
        _func: this.functionContains,
        _signature: [
          { types: [2 /* TYPE_STRING */, 3 /* TYPE_ARRAY */] },
          { types: [1 /* TYPE_ANY */] }
        ]
      },
      ends_with: {
        _func: this.functionEndsWith,
        _signature: [{ types: [2 /* TYPE_STRING */] }, { types: [2 /* TYPE_STRING */] }]
      },
      find_first: {
        _func: this.functionFindFirst,
        _signature: [
          { types: [2 /* TYPE_STRING */] },
          { types: [2 /* TYPE_STRING */] },
          { types: [0 /* TYPE_NUMBER */], optional: true },
          { types: [0 /* TYPE_NUMBER */], optional: true }
        ]
      },
      find_last: {
        _func: this.functionFindLast,
        _signature: [
          { types: [2 /* TYPE_STRING */] },
          { types: [2 /* TYPE_STRING */] },
          { types: [0 /* TYPE_NUMBER */], optional: true },
          { types: [0 /* TYPE_NUMBER */], optional: true }
        ]
      },
      from_items: { _func: this.functionFromItems, _signature: [{ types: [11 /* TYPE_ARRAY_ARRAY */] }] },
      group_by: {
        _func: this.functionGroupBy,
        _signature: [{ types: [3 /* TYPE_ARRAY */] }, { types: [6 /* TYPE_EXPREF */] }]
      },
      items: { _func: this.functionItems, _signature: [{ types: [4 /* TYPE_OBJECT */] }] },
      join: {
        _func: this.functionJoin,
        _signature: [{ types: [2 /* TYPE_STRING */] }, { types: [9 /* TYPE_ARRAY_STRING */] }]
      },
      length: {
        _func: this.functionLength,
        _signature: [{ types: [2 /* TYPE_STRING */, 3 /* TYPE_ARRAY */, 4 /* TYPE_OBJECT */] }]
      },
      map: {
        _func: this.functionMap,
        _signature: [{ types: [6 /* TYPE_EXPREF */] }, { types: [3 /* TYPE_ARRAY */] }]
      },
      max: {
        _func: this.functionMax,
        _signature: [{ types: [8 /* TYPE_ARRAY_NUMBER */, 9 /* TYPE_ARRAY_STRING */] }]
      },
      max_by: {
        _func: this.functionMaxBy,
        _signature: [{ types: [3 /* TYPE_ARRAY */] }, { types: [6 /* TYPE_EXPREF */] }]
      },
      merge: { _func: this.functionMerge, _signature: [{ types: [4 /* TYPE_OBJECT */], variadic: true }] },
      min: {
        _func: this.functionMin,
        _signature: [{ types: [8 /* TYPE_ARRAY_NUMBER */, 9 /* TYPE_ARRAY_STRING */] }]
      },
      min_by: {
        _func: this.functionMinBy,
        _signature: [{ types: [3 /* TYPE_ARRAY */] }, { types: [6 /* TYPE_EXPREF */] }]
      },
      not_null: { _func: this.functionNotNull, _signature: [{ types: [1 /* TYPE_ANY */], variadic: true }] },
      pad_left: {
        _func: this.functionPadLeft,
        _signature: [
          { types: [2 /* TYPE_STRING */] },
          { types: [0 /* TYPE_NUMBER */] },
          { types: [2 /* TYPE_STRING */], optional: true }
        ]
      },
      pad_right: {
        _func: this.functionPadRight,
        _signature: [
          { types: [2 /* TYPE_STRING */] },
          { types: [0 /* TYPE_NUMBER */] },
          { types: [2 /* TYPE_STRING */], optional: true }
        ]
      },
      replace: {
        _func: this.functionReplace,
        _signature: [
          { types: [2 /* TYPE_STRING */] },
          { types: [2 /* TYPE_STRING */] },
          { types: [2 /* TYPE_STRING */] },
          { types: [0 /* TYPE_NUMBER */], optional: true }
        ]
      },
      reverse: {
        _func: this.functionReverse,
        _signature: [{ types: [2 /* TYPE_STRING */, 3 /* TYPE_ARRAY */] }]
      },
      sort: {
        _func: this.functionSort,
        _signature: [{ types: [9 /* TYPE_ARRAY_STRING */, 8 /* TYPE_ARRAY_NUMBER */] }]
      },
      sort_by: {
        _func: this.functionSortBy,
        _signature: [{ types: [3 /* TYPE_ARRAY */] }, { types: [6 /* TYPE_EXPREF */] }]
      },
      split: {
        _func: this.functionSplit,
        _signature: [
          { types: [2 /* TYPE_STRING */] },
          { types: [2 /* TYPE_STRING */] },
          { types: [0 /* TYPE_NUMBER */], optional: true }
        ]
      },
      starts_with: {
        _func: this.functionStartsWith,
        _signature: [{ types: [2 /* TYPE_STRING */] }, { types: [2 /* TYPE_STRING */] }]
      },
      sum: { _func: this.functionSum, _signature: [{ types: [8 /* TYPE_ARRAY_NUMBER */] }] },
      to_array: { _func: this.functionToArray, _signature: [{ types: [1 /* TYPE_ANY */] }] },
      to_number: { _func: this.functionToNumber, _signature: [{ types: [1 /* TYPE_ANY */] }] },
      to_string: { _func: this.functionToString, _signature: [{ types: [1 /* TYPE_ANY */] }] },
      trim: {
        _func: this.functionTrim,
        _signature: [{ types: [2 /* TYPE_STRING */] }, { types: [2 /* TYPE_STRING */], optional: true }]
      },
      trim_left: {
        _func: this.functionTrimLeft,
        _signature: [{ types: [2 /* TYPE_STRING */] }, { types: [2 /* TYPE_STRING */], optional: true }]
      },
      trim_right: {
        _func: this.functionTrimRight,
        _signature: [{ types: [2 /* TYPE_STRING */] }, { types: [2 /* TYPE_STRING */], optional: true }]
      },
      type: { _func: this.functionType, _signature: [{ types: [1 /* TYPE_ANY */] }] },
      zip: { _func: this.functionZip, _signature: [{ types: [3 /* TYPE_ARRAY */], variadic: true }] }
    };
  }
  /**
   * Enhanced registerFunction with backward compatibility and new options
   * @deprecated Use register() method for enhanced functionality
   */
  registerFunction(name, customFunction, signature, options) {
    const result = this._registerInternal(name, customFunction, signature, options);
    if (!result.success) {
      throw new Error(result.message);
    }
  }
  /**
   * Internal registration method that bypasses TypeScript type checking
   */
  _registerInternal(name, customFunction, signature, options = {}) {
    if (!name || typeof name !== "string" || name.trim() === "") {
      return {
        success: false,
        reason: "invalid-name",
        message: "Function name must be a non-empty string"
      };
    }
    try {
      this.validateInputSignatures(name, signature);
    } catch (error) {
      return {
        success: false,
        reason: "invalid-signature",
        message: error instanceof Error ? error.message : "Invalid function signature"
      };
    }
    const { override = false, warn = false } = options;
    const exists = name in this._functionTable;
    if (exists && !override) {
      return {
        success: false,
        reason: "already-exists",
        message: `Function already defined: ${name}(). Use { override: true } to replace it.`
      };
    }
    if (exists && override && warn) {
      console.warn(`Warning: Overriding existing function: ${name}()`);
    }
    this._functionTable[name] = {
      _func: customFunction.bind(this),
      _signature: signature
    };
    this._customFunctions.add(name);
    const message = exists ? `Function ${name}() overridden successfully` : `Function ${name}() registered successfully`;
    return { success: true, message };
  }
  /**
   * Register a new function with enhanced options and type safety
   */
  register(name, customFunction, signature, options = {}) {
    return this._registerInternal(name, customFunction, signature, options);
  }
  /**
   * Unregister a custom function (built-in functions cannot be unregistered)
   */
  unregister(name) {
    if (!this._customFunctions.has(name)) {
      return false;
    }
    delete this._functionTable[name];
    this._customFunctions.delete(name);
    return true;
  }
  /**
   * Check if a function is registered
   */
  isRegistered(name) {
    return name in this._functionTable;
  }
  /**
   * Get list of all registered function names
   */
  getRegistered() {
    return Object.keys(this._functionTable);
  }
  /**
   * Get list of custom (non-built-in) function names
   */
  getCustomFunctions() {
    return Array.from(this._customFunctions);
  }
  /**
   * Clear all custom functions (built-in functions remain)
   */
  clearCustomFunctions() {
    for (const name of this._customFunctions) {
      delete this._functionTable[name];
    }
    this._customFunctions.clear();
  }
  callFunction(name, resolvedArgs) {
    const functionEntry = this._functionTable[name];
    if (functionEntry === void 0) {
      throw new Error(`Unknown function: ${name}()`);
    }
    this.validateArgs(name, resolvedArgs, functionEntry._signature);
    return functionEntry._func.call(this, resolvedArgs);
  }
  validateInputSignatures(name, signature) {
    for (let i = 0; i < signature.length; i += 1) {
      if ("variadic" in signature[i] && i !== signature.length - 1) {
        throw new Error(`Invalid arity: ${name}() 'variadic' argument ${i + 1} must occur last`);
      }
    }
  }
  validateArgs(name, args, signature) {
    this.validateInputSignatures(name, signature);
    this.validateArity(name, args, signature);
    this.validateTypes(name, args, signature);
  }
  validateArity(name, args, signature) {
    const numberOfRequiredArgs = signature.filter((argSignature) => !(argSignature.optional ?? false)).length;
    const lastArgIsVariadic = signature[signature.length - 1]?.variadic ?? false;
    const tooFewArgs = args.length < numberOfRequiredArgs;
    const tooManyArgs = args.length > signature.length;
    if (lastArgIsVariadic && tooFewArgs || !lastArgIsVariadic && (tooFewArgs || tooManyArgs)) {
      const tooFewModifier = tooFewArgs && (!lastArgIsVariadic && numberOfRequiredArgs > 1 || lastArgIsVariadic) ? "at least " : "";
      const pluralized = signature.length > 1;
      throw new Error(
        `Invalid arity: ${name}() takes ${tooFewModifier}${numberOfRequiredArgs} argument${pluralized && "s" || ""} but received ${args.length}`
      );
    }
  }
  validateTypes(name, args, signature) {
    for (let i = 0; i < signature.length; i += 1) {
      const currentSpec = signature[i].types;
      const actualType = this.getTypeName(args[i]);
      if (actualType === void 0) {
        continue;
      }
      const typeMatched = currentSpec.some((expectedType) => this.typeMatches(actualType, expectedType, args[i]));
      if (!typeMatched) {
        const expected = currentSpec.map((typeId) => this.TYPE_NAME_TABLE[typeId]).join(" | ");
        throw new Error(
          `Invalid type: ${name}() expected argument ${i + 1} to be type (${expected}) but received type ${this.TYPE_NAME_TABLE[actualType]} instead.`
        );
      }
    }
  }
  typeMatches(actual, expected, argValue) {
    if (expected === 1 /* TYPE_ANY */) {
      return true;
    }
    if (expected === 9 /* TYPE_ARRAY_STRING */ || expected === 8 /* TYPE_ARRAY_NUMBER */ || expected === 10 /* TYPE_ARRAY_OBJECT */ || expected === 11 /* TYPE_ARRAY_ARRAY */ || expected === 3 /* TYPE_ARRAY */) {
      if (expected === 3 /* TYPE_ARRAY */) {
        return actual === 3 /* TYPE_ARRAY */;
      }
      if (actual === 3 /* TYPE_ARRAY */) {
        let subtype;
        if (expected === 8 /* TYPE_ARRAY_NUMBER */) {
          subtype = 0 /* TYPE_NUMBER */;
        } else if (expected === 10 /* TYPE_ARRAY_OBJECT */) {
          subtype = 4 /* TYPE_OBJECT */;
        } else if (expected === 9 /* TYPE_ARRAY_STRING */) {
          subtype = 2 /* TYPE_STRING */;
        } else if (expected === 11 /* TYPE_ARRAY_ARRAY */) {
          subtype = 3 /* TYPE_ARRAY */;
        }
        const array = argValue;
        for (let i = 0; i < array.length; i += 1) {
          const typeName = this.getTypeName(array[i]);
          if (typeName !== void 0 && subtype !== void 0 && !this.typeMatches(typeName, subtype, array[i])) {
            return false;
          }
        }
        return true;
      }
    } else {
      return actual === expected;
    }
    return false;
  }
  getTypeName(obj) {
    if (obj === null) {
      return 7 /* TYPE_NULL */;
    }
    if (typeof obj === "string") {
      return 2 /* TYPE_STRING */;
    }
    if (typeof obj === "number") {
      return 0 /* TYPE_NUMBER */;
    }
    if (typeof obj === "boolean") {
      return 5 /* TYPE_BOOLEAN */;
    }
    if (Array.isArray(obj)) {
      return 3 /* TYPE_ARRAY */;
    }
    if (typeof obj === "object") {
      if (obj.expref) {
        return 6 /* TYPE_EXPREF */;
      }
      return 4 /* TYPE_OBJECT */;
    }
    return;
  }
  createKeyFunction(exprefNode, allowedTypes) {
    const interpreter = this._interpreter;
    const keyFunc = (x) => {
      const current = interpreter.visit(exprefNode, x);
      if (!allowedTypes.includes(this.getTypeName(current))) {
        const msg = `Invalid type: expected one of (${allowedTypes.map((t) => this.TYPE_NAME_TABLE[t]).join(" | ")}), received ${this.TYPE_NAME_TABLE[this.getTypeName(current)]}`;
        throw new Error(msg);
      }
      return current;
    };
    return keyFunc;
  }
  functionAvg = ([inputArray]) => {
    if (!inputArray || inputArray.length == 0) {
      return null;
    }
    let sum = 0;
    for (let i = 0; i < inputArray.length; i += 1) {
      sum += inputArray[i];
    }
    return sum / inputArray.length;
  };
  functionContains = ([
    searchable,
    searchValue
  ]) => {
    if (Array.isArray(searchable)) {
      const array = searchable;
      return array.includes(searchValue);
    }
    if (typeof searchable === "string") {
      const text = searchable;
      if (typeof searchValue === "string") {
        return text.includes(searchValue);
      }
    }
    return null;
  };
  functionEndsWith = (resolvedArgs) => {
    const [searchStr, suffix] = resolvedArgs;
    return searchStr.includes(suffix, searchStr.length - suffix.length);
  };
  functionFindFirst = this.createFindFunction(findFirst);
  functionFindLast = this.createFindFunction(findLast);
  createFindFunction(findFn) {
    return (resolvedArgs) => {
      const subject = resolvedArgs[0];
      const search2 = resolvedArgs[1];
      const start = resolvedArgs.length > 2 ? resolvedArgs[2] : void 0;
      const end = resolvedArgs.length > 3 ? resolvedArgs[3] : void 0;
      return findFn(subject, search2, start, end);
    };
  }
  functionFromItems = ([array]) => {
    array.map((pair) => {
      if (pair.length != 2 || typeof pair[0] !== "string") {
        throw new Error("invalid value, each array must contain two elements, a pair of string and value");
      }
    });
    return Object.fromEntries(array);
  };
  functionGroupBy = ([array, exprefNode]) => {
    const keyFunction = this.createKeyFunction(exprefNode, [2 /* TYPE_STRING */]);
    return array.reduce((acc, cur) => {
      const k = keyFunction(cur ?? {});
      const target = acc[k] = acc[k] || [];
      target.push(cur);
      return acc;
    }, {});
  };
  functionItems = ([inputValue]) => {
    return Object.entries(inputValue);
  };
  functionJoin = (resolvedArgs) => {
    const [joinChar, listJoin] = resolvedArgs;
    return listJoin.join(joinChar);
  };
  functionLength = ([inputValue]) => {
    if (typeof inputValue === "string") {
      return new Text(inputValue).length;
    }
    if (Array.isArray(inputValue)) {
      return inputValue.length;
    }
    return Object.keys(inputValue).length;
  };
  functionMap = ([exprefNode, elements]) => {
    if (!this._interpreter) {
      return [];
    }
    const mapped = [];
    const interpreter = this._interpreter;
    for (let i = 0; i < elements.length; i += 1) {
      mapped.push(interpreter.visit(exprefNode, elements[i]));
    }
    return mapped;
  };
  functionMax = ([inputValue]) => {
    if (!inputValue.length) {
      return null;
    }
    const typeName = this.getTypeName(inputValue[0]);
    if (typeName === 0 /* TYPE_NUMBER */) {
      return Math.max(...inputValue);
    }
    const elements = inputValue;
    let maxElement = elements[0];
    for (let i = 1; i < elements.length; i += 1) {
      if (maxElement.localeCompare(elements[i]) < 0) {
        maxElement = elements[i];
      }
    }
    return maxElement;
  };
  functionMaxBy = (resolvedArgs) => {
    const exprefNode = resolvedArgs[1];
    const resolvedArray = resolvedArgs[0];
    const keyFunction = this.createKeyFunction(exprefNode, [0 /* TYPE_NUMBER */, 2 /* TYPE_STRING */]);
    let maxNumber = -Infinity;
    let maxRecord;
    let current;
    for (let i = 0; i < resolvedArray.length; i += 1) {
      current = keyFunction && keyFunction(resolvedArray[i]);
      if (current !== void 0 && current > maxNumber) {
        maxNumber = current;
        maxRecord = resolvedArray[i];
      }
    }
    return maxRecord || null;
  };
  functionMerge = (resolvedArgs) => {
    let merged = {};
    for (let i = 0; i < resolvedArgs.length; i += 1) {
      const current = resolvedArgs[i];
      merged = Object.assign(merged, current);
    }
    return merged;
  };
  functionMin = ([inputValue]) => {
    if (!inputValue.length) {
      return null;
    }
    const typeName = this.getTypeName(inputValue[0]);
    if (typeName === 0 /* TYPE_NUMBER */) {
      return Math.min(...inputValue);
    }
    const elements = inputValue;
    let minElement = elements[0];
    for (let i = 1; i < elements.length; i += 1) {
      if (elements[i].localeCompare(minElement) < 0) {
        minElement = elements[i];
      }
    }
    return minElement;
  };
  functionMinBy = (resolvedArgs) => {
    const exprefNode = resolvedArgs[1];
    const resolvedArray = resolvedArgs[0];
    const keyFunction = this.createKeyFunction(exprefNode, [0 /* TYPE_NUMBER */, 2 /* TYPE_STRING */]);
    let minNumber = Infinity;
    let minRecord;
    let current;
    for (let i = 0; i < resolvedArray.length; i += 1) {
      current = keyFunction && keyFunction(resolvedArray[i]);
      if (current !== void 0 && current < minNumber) {
        minNumber = current;
        minRecord = resolvedArray[i];
      }
    }
    return minRecord || null;
  };
  functionNotNull = (resolvedArgs) => {
    for (let i = 0; i < resolvedArgs.length; i += 1) {
      if (this.getTypeName(resolvedArgs[i]) !== 7 /* TYPE_NULL */) {
        return resolvedArgs[i];
      }
    }
    return null;
  };
  functionPadLeft = this.createPadFunction(padLeft);
  functionPadRight = this.createPadFunction(padRight);
  createPadFunction(padFn) {
    return (resolvedArgs) => {
      const subject = resolvedArgs[0];
      const width = resolvedArgs[1];
      const padding = resolvedArgs.length > 2 ? resolvedArgs[2] : void 0;
      return padFn(subject, width, padding);
    };
  }
  functionReplace = (resolvedArgs) => {
    const subject = resolvedArgs[0];
    const string = resolvedArgs[1];
    const by = resolvedArgs[2];
    return replace(subject, string, by, resolvedArgs.length > 3 ? resolvedArgs[3] : void 0);
  };
  functionSplit = (resolvedArgs) => {
    const subject = resolvedArgs[0];
    const search2 = resolvedArgs[1];
    return split(subject, search2, resolvedArgs.length > 2 ? resolvedArgs[2] : void 0);
  };
  functionReverse = ([inputValue]) => {
    const typeName = this.getTypeName(inputValue);
    if (typeName === 2 /* TYPE_STRING */) {
      return new Text(inputValue).reverse();
    }
    const reversedArray = inputValue.slice(0);
    reversedArray.reverse();
    return reversedArray;
  };
  functionSort = ([inputValue]) => {
    if (inputValue.length == 0) {
      return inputValue;
    }
    if (typeof inputValue[0] === "string") {
      return [...inputValue].sort(Text.comparer);
    }
    return [...inputValue].sort();
  };
  functionSortBy = (resolvedArgs) => {
    const sortedArray = resolvedArgs[0].slice(0);
    if (sortedArray.length === 0) {
      return sortedArray;
    }
    const interpreter = this._interpreter;
    const exprefNode = resolvedArgs[1];
    const requiredType = this.getTypeName(interpreter.visit(exprefNode, sortedArray[0]));
    if (requiredType !== void 0 && ![0 /* TYPE_NUMBER */, 2 /* TYPE_STRING */].includes(requiredType)) {
      throw new Error(`Invalid type: unexpected type (${this.TYPE_NAME_TABLE[requiredType]})`);
    }
    function throwInvalidTypeError(rt, item) {
      throw new Error(
        `Invalid type: expected (${rt.TYPE_NAME_TABLE[requiredType]}), received ${rt.TYPE_NAME_TABLE[rt.getTypeName(item)]}`
      );
    }
    return sortedArray.sort((a, b) => {
      const exprA = interpreter.visit(exprefNode, a);
      const exprB = interpreter.visit(exprefNode, b);
      if (this.getTypeName(exprA) !== requiredType) {
        throwInvalidTypeError(this, exprA);
      } else if (this.getTypeName(exprB) !== requiredType) {
        throwInvalidTypeError(this, exprB);
      }
      if (requiredType === 2 /* TYPE_STRING */) {
        return Text.comparer(exprA, exprB);
      }
      return exprA - exprB;
    });
  };
  functionStartsWith = ([searchable, searchStr]) => {
    return searchable.startsWith(searchStr);
  };
  functionSum = ([inputValue]) => {
    return inputValue.reduce((x, y) => x + y, 0);
  };
  functionToArray = ([inputValue]) => {
    if (this.getTypeName(inputValue) === 3 /* TYPE_ARRAY */) {
      return inputValue;
    }
    return [inputValue];
  };
  functionToNumber = ([inputValue]) => {
    const typeName = this.getTypeName(inputValue);
    let convertedValue;
    if (typeName === 0 /* TYPE_NUMBER */) {
      return inputValue;
    }
    if (typeName === 2 /* TYPE_STRING */) {
      convertedValue = +inputValue;
      if (!isNaN(convertedValue)) {
        return convertedValue;
      }
    }
    return null;
  };
  functionToString = ([inputValue]) => {
    if (this.getTypeName(inputValue) === 2 /* TYPE_STRING */) {
      return inputValue;
    }
    return JSON.stringify(inputValue);
  };
  functionTrim = this.createTrimFunction(trim);
  functionTrimLeft = this.createTrimFunction(trimLeft);
  functionTrimRight = this.createTrimFunction(trimRight);
  createTrimFunction(trimFn) {
    return (resolvedArgs) => {
      const subject = resolvedArgs[0];
      const chars = resolvedArgs.length > 1 ? resolvedArgs[1] : void 0;
      return trimFn(subject, chars);
    };
  }
  functionType = ([inputValue]) => {
    switch (this.getTypeName(inputValue)) {
      case 0 /* TYPE_NUMBER */:
        return "number";
      case 2 /* TYPE_STRING */:
        return "string";
      case 3 /* TYPE_ARRAY */:
        return "array";
      case 4 /* TYPE_OBJECT */:
        return "object";
      case 5 /* TYPE_BOOLEAN */:
        return "boolean";
      case 7 /* TYPE_NULL */:
        return "null";
      default:
        throw new Error("invalid-type");
    }
  };
  functionZip = (array) => {
    const length = Math.min(...array.map((arr) => arr.length));
    const result = Array(length).fill(null).map((_, index) => array.map((arr) => arr[index]));
    return result;
  };
};

// src/Scope.ts
var ScopeChain = class _ScopeChain {
  inner = void 0;
  data = {};
  get currentScopeData() {
    return this.data;
  }
  withScope(data) {
    const outer = new _ScopeChain();
    outer.inner = this;
    outer.data = data;
    return outer;
  }
  getValue(identifier) {
    if (Object.prototype.hasOwnProperty.call(this.data, identifier)) {
      return this.data[identifier];
    }
    if (this.inner) {
      return this.inner.getValue(identifier);
    }
    return null;
  }
};

// src/TreeInterpreter.ts
var emptyScopeChain = new ScopeChain();
var TreeInterpreter = class _TreeInterpreter {
  runtime;
  _rootValue = null;
  _scope;
  constructor() {
    this.runtime = new Runtime(this);
    this._scope = new ScopeChain();
  }
  withScope(scope) {
    const interpreter = new _TreeInterpreter();
    interpreter.runtime._functionTable = this.runtime._functionTable;
    interpreter._rootValue = this._rootValue;
    interpreter._scope = this._scope.withScope(scope);
    return interpreter;
  }
  search(node, value) {
    this._rootValue = value;
    this._scope = emptyScopeChain;
    return this.visit(node, value);
  }
  visit(node, value) {
    switch (node.type) {
      case "Ternary": {
        const condition = this.visit(node.condition, value);
        if (!isFalse(condition)) {
          return this.visit(node.trueExpr, value);
        }
        return this.visit(node.falseExpr, value);
      }
      case "Field":
        const identifier = node.name;
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
          return null;
        }
        return value[identifier] ?? null;
      case "LetExpression": {
        const { bindings, expression } = node;
        let scope = {};
        bindings.forEach((binding) => {
          const reference = this.visit(binding, value);
          scope = {
            ...scope,
            ...reference
          };
        });
        return this.withScope(scope).visit(expression, value);
      }
      case "Binding": {
        const { variable, reference } = node;
        const result = this.visit(reference, value);
        return { [variable]: result };
      }
      case "Variable": {
        const variable = node.name;
        if (!this._scope.getValue(variable) && !Object.prototype.hasOwnProperty.call(this._scope.currentScopeData, variable)) {
          throw new Error(`Error referencing undefined variable ${variable}`);
        }
        return this._scope.getValue(variable);
      }
      case "IndexExpression":
        return this.visit(node.right, this.visit(node.left, value));
      case "Subexpression": {
        const result = this.visit(node.left, value);
        return result != null ? this.visit(node.right, result) ?? null : null;
      }
      case "Index": {
        if (!Array.isArray(value)) {
          return null;
        }
        const index = node.value < 0 ? value.length + node.value : node.value;
        return value[index] ?? null;
      }
      case "Slice": {
        if (!Array.isArray(value) && typeof value !== "string") {
          return null;
        }
        const { start, stop, step } = this.computeSliceParams(value.length, node);
        if (typeof value === "string") {
          const chars = [...value];
          const sliced = this.slice(chars, start, stop, step);
          return sliced.join("");
        } else {
          return this.slice(value, start, stop, step);
        }
      }
      case "Projection": {
        const { left, right } = node;
        let allowString = false;
        if (left.type === "IndexExpression" && left.right.type === "Slice") {
          allowString = true;
        }
        const base = this.visit(left, value);
        if (allowString && typeof base === "string") {
          return this.visit(right, base);
        }
        if (!Array.isArray(base)) {
          return null;
        }
        const collected = [];
        for (const elem of base) {
          const current = this.visit(right, elem);
          if (current !== null) {
            collected.push(current);
          }
        }
        return collected;
      }
      case "ValueProjection": {
        const { left, right } = node;
        const base = this.visit(left, value);
        if (base === null || typeof base !== "object" || Array.isArray(base)) {
          return null;
        }
        const collected = [];
        const values = Object.values(base);
        for (const elem of values) {
          const current = this.visit(right, elem);
          if (current !== null) {
            collected.push(current);
          }
        }
        return collected;
      }
      case "FilterProjection": {
        const { left, right, condition } = node;
        const base = this.visit(left, value);
        if (!Array.isArray(base)) {
          return null;
        }
        const results = [];
        for (const elem of base) {
          const matched = this.visit(condition, elem);
          if (isFalse(matched)) {
            continue;
          }
          const result = this.visit(right, elem);
          if (result !== null) {
            results.push(result);
          }
        }
        return results;
      }
      case "Arithmetic": {
        const first = this.visit(node.left, value);
        const second = this.visit(node.right, value);
        switch (node.operator) {
          case "Plus" /* TOK_PLUS */:
            return add(first, second);
          case "Minus" /* TOK_MINUS */:
            return sub(first, second);
          case "Multiply" /* TOK_MULTIPLY */:
          case "Star" /* TOK_STAR */:
            return mul(first, second);
          case "Divide" /* TOK_DIVIDE */:
            return divide(first, second);
          case "Modulo" /* TOK_MODULO */:
            return mod(first, second);
          case "Div" /* TOK_DIV */:
            return div(first, second);
          default:
            throw new Error(`Syntax error: unknown arithmetic operator: ${node.operator}`);
        }
      }
      case "Unary": {
        const operand = this.visit(node.operand, value);
        switch (node.operator) {
          case "Plus" /* TOK_PLUS */:
            ensureNumbers(operand);
            return operand;
          case "Minus" /* TOK_MINUS */:
            ensureNumbers(operand);
            return -operand;
          default:
            throw new Error(`Syntax error: unknown arithmetic operator: ${node.operator}`);
        }
      }
      case "Comparator": {
        const first = this.visit(node.left, value);
        const second = this.visit(node.right, value);
        switch (node.name) {
          case "EQ":
            return strictDeepEqual(first, second);
          case "NE":
            return !strictDeepEqual(first, second);
        }
        if (typeof first !== "number" || typeof second !== "number") {
          return null;
        }
        switch (node.name) {
          case "GT":
            return first > second;
          case "GTE":
            return first >= second;
          case "LT":
            return first < second;
          case "LTE":
            return first <= second;
        }
      }
      case "Flatten": {
        const original = this.visit(node.child, value);
        return Array.isArray(original) ? original.flat() : null;
      }
      case "Root":
        return this._rootValue;
      case "MultiSelectList": {
        const collected = [];
        for (const child of node.children) {
          collected.push(this.visit(child, value));
        }
        return collected;
      }
      case "MultiSelectHash": {
        const collected = {};
        for (const child of node.children) {
          collected[child.name] = this.visit(child.value, value);
        }
        return collected;
      }
      case "OrExpression": {
        const result = this.visit(node.left, value);
        if (isFalse(result)) {
          return this.visit(node.right, value);
        }
        return result;
      }
      case "AndExpression": {
        const result = this.visit(node.left, value);
        if (isFalse(result)) {
          return result;
        }
        return this.visit(node.right, value);
      }
      case "NotExpression":
        return isFalse(this.visit(node.child, value));
      case "Literal":
        return node.value;
      case "Pipe":
        return this.visit(node.right, this.visit(node.left, value));
      case "Function": {
        const args = [];
        for (const child of node.children) {
          args.push(this.visit(child, value));
        }
        return this.runtime.callFunction(node.name, args);
      }
      case "ExpressionReference":
        return {
          expref: true,
          ...node.child
        };
      case "Current":
      case "Identity":
        return value;
    }
  }
  computeSliceParams(arrayLength, sliceNode) {
    let { start, stop, step } = sliceNode;
    if (step === null) {
      step = 1;
    } else if (step === 0) {
      const error = new Error("Invalid value: slice step cannot be 0");
      error.name = "RuntimeError";
      throw error;
    }
    start = start === null ? step < 0 ? arrayLength - 1 : 0 : this.capSliceRange(arrayLength, start, step);
    stop = stop === null ? step < 0 ? -1 : arrayLength : this.capSliceRange(arrayLength, stop, step);
    return { start, stop, step };
  }
  capSliceRange(arrayLength, actualValue, step) {
    let nextActualValue = actualValue;
    if (nextActualValue < 0) {
      nextActualValue += arrayLength;
      if (nextActualValue < 0) {
        nextActualValue = step < 0 ? -1 : 0;
      }
    } else if (nextActualValue >= arrayLength) {
      nextActualValue = step < 0 ? arrayLength - 1 : arrayLength;
    }
    return nextActualValue;
  }
  slice(collection, start, end, step) {
    const result = [];
    if (step > 0) {
      for (let i = start; i < end; i += step) {
        result.push(collection[i]);
      }
    } else {
      for (let i = start; i > end; i += step) {
        result.push(collection[i]);
      }
    }
    return result;
  }
};
var TreeInterpreterInstance = new TreeInterpreter();
var TreeInterpreter_default = TreeInterpreterInstance;

// src/index.ts
var TYPE_ANY = 1 /* TYPE_ANY */;
var TYPE_ARRAY = 3 /* TYPE_ARRAY */;
var TYPE_ARRAY_ARRAY = 11 /* TYPE_ARRAY_ARRAY */;
var TYPE_ARRAY_NUMBER = 8 /* TYPE_ARRAY_NUMBER */;
var TYPE_ARRAY_OBJECT = 10 /* TYPE_ARRAY_OBJECT */;
var TYPE_ARRAY_STRING = 9 /* TYPE_ARRAY_STRING */;
var TYPE_BOOLEAN = 5 /* TYPE_BOOLEAN */;
var TYPE_EXPREF = 6 /* TYPE_EXPREF */;
var TYPE_NULL = 7 /* TYPE_NULL */;
var TYPE_NUMBER = 0 /* TYPE_NUMBER */;
var TYPE_OBJECT = 4 /* TYPE_OBJECT */;
var TYPE_STRING = 2 /* TYPE_STRING */;
function compile(expression, options) {
  const nodeTree = Parser_default.parse(expression, options);
  return nodeTree;
}
function tokenize(expression, options) {
  return Lexer_default.tokenize(expression, options);
}
var registerFunction = (functionName, customFunction, signature, options) => {
  TreeInterpreter_default.runtime.registerFunction(functionName, customFunction, signature, options);
};
var register = (name, customFunction, signature, options) => {
  return TreeInterpreter_default.runtime.register(name, customFunction, signature, options);
};
var unregisterFunction = (name) => {
  return TreeInterpreter_default.runtime.unregister(name);
};
var isRegistered = (name) => {
  return TreeInterpreter_default.runtime.isRegistered(name);
};
var getRegisteredFunctions = () => {
  return TreeInterpreter_default.runtime.getRegistered();
};
var getCustomFunctions = () => {
  return TreeInterpreter_default.runtime.getCustomFunctions();
};
var clearCustomFunctions = () => {
  TreeInterpreter_default.runtime.clearCustomFunctions();
};
function search(data, expression, options) {
  const nodeTree = Parser_default.parse(expression, options);
  return TreeInterpreter_default.search(nodeTree, data);
}
function Scope() {
  return new ScopeChain();
}
var TreeInterpreter2 = TreeInterpreter_default;
var jmespath = {
  compile,
  registerFunction,
  register,
  unregisterFunction,
  isRegistered,
  getRegisteredFunctions,
  getCustomFunctions,
  clearCustomFunctions,
  search,
  tokenize,
  TreeInterpreter: TreeInterpreter2,
  TYPE_ANY,
  TYPE_ARRAY_NUMBER,
  TYPE_ARRAY_STRING,
  TYPE_ARRAY,
  TYPE_BOOLEAN,
  TYPE_EXPREF,
  TYPE_NULL,
  TYPE_NUMBER,
  TYPE_OBJECT,
  TYPE_STRING
};


//# sourceMappingURL=index.mjs.map
//# sourceMappingURL=index.mjs.map
;// CONCATENATED MODULE: ./src/expressions.ts
/**
 * JMESPath expressions from inputs (`select`, `expect`, `mask`): compiled once while the inputs
 * are validated, so a typo fails before any network call, then evaluated on responses.
 */


function compileExpression(input, text) {
    let node;
    try {
        node = compile(text);
    }
    catch (error) {
        throw new InputError(input, `${quote(text)} is not a valid JMESPath expression (${quote(errorMessage(error), 120).slice(1, -1)})`);
    }
    return {
        input,
        text,
        evaluate(data) {
            try {
                return TreeInterpreter2.search(node, data);
            }
            catch (error) {
                throw new ActionError(`Input '${input}': ${quote(text)} failed on the response (${quote(errorMessage(error), 160).slice(1, -1)})`);
            }
        }
    };
}
/** JMESPath truthiness: false, null, empty string, empty array and empty object are false. */
function isTruthy(value) {
    if (value === null || value === false || value === '')
        return false;
    if (Array.isArray(value))
        return value.length > 0;
    if (typeof value === 'object')
        return Object.keys(value).length > 0;
    return true;
}

;// CONCATENATED MODULE: ./src/config.ts
/**
 * Every workflow input, parsed and validated into one frozen object. Pure: it reads inputs
 * through the function it is given and touches neither the network nor the file system, so
 * all bad input fails here, before any request, with an error that names the input.
 */




const STAGES = ['running', 'stopped', 'starting', 'paused'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;
// Headers the action owns: a user value would send the token elsewhere or break the request.
const RESERVED_HEADERS = ['authorization', 'host', 'content-length', 'transfer-encoding', 'connection'];
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;
function parseConfig(env) {
    const input = (name) => env.readInput(name).trim();
    const config = {
        baseUrl: parseBaseUrl(input('tenant'), input('base-url')),
        credentials: parseCredentials(input('username'), env.readInput('password'), input('token')),
        call: parseCall(input, env.workspace),
        gate: parseGate(input),
        select: input('select') ? compileExpression('select', input('select')) : undefined,
        mask: nonEmptyLines(input('mask')).map(line => compileExpression('mask', line)),
        responseFile: input('response-file') ? resolvePath('response-file', input('response-file'), env.workspace) : undefined,
        outputToken: parseBoolean('output-token', input('output-token'), false),
        failOnHttpError: parseBoolean('fail-on-http-error', input('fail-on-http-error'), true),
        timeoutMs: parsePositiveDuration('timeout', input('timeout'), 30_000),
        retries: parseInteger('retries', input('retries'), 3, 0, 10),
        summary: parseBoolean('summary', input('summary'), true)
    };
    return Object.freeze(config);
}
function parseBaseUrl(tenant, baseUrl) {
    if (tenant && baseUrl)
        throw new InputError('tenant', "set either 'tenant' or 'base-url', not both");
    if (tenant) {
        if (!DNS_LABEL.test(tenant)) {
            throw new InputError('tenant', `${quote(tenant)} is not a tenant name: use the DNS label only, e.g. 'acme' for https://api.acme.appmixer.cloud`);
        }
        return new URL(`https://api.${tenant.toLowerCase()}.appmixer.cloud`);
    }
    if (!baseUrl)
        throw new InputError('tenant', "set 'tenant' (hosted Appmixer) or 'base-url' (self-managed)");
    let url;
    try {
        url = new URL(baseUrl);
    }
    catch {
        throw new InputError('base-url', `${quote(baseUrl)} is not a URL; expected e.g. https://api.appmixer.example.com`);
    }
    if (url.username || url.password)
        throw new InputError('base-url', 'must not contain credentials; use username and password');
    if (url.search || url.hash)
        throw new InputError('base-url', 'must not have a query string or fragment');
    if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
        throw new InputError('base-url', `must use https:// (plain http is allowed only for loopback hosts), got ${url.origin}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new InputError('base-url', `must be an https:// URL, got ${url.protocol}`);
    url.pathname = url.pathname.replace(/\/+$/, '');
    return url;
}
function isLoopback(hostname) {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}
function parseCredentials(username, password, token) {
    if (token) {
        if (username || password)
            throw new InputError('token', "set either 'token' or 'username' and 'password', not both");
        if (CONTROL_CHARS.test(token) || /\s/.test(token))
            throw new InputError('token', 'must be a single word without spaces or line breaks');
        return { kind: 'token', token };
    }
    if (!username && !password)
        throw new InputError('username', "set 'username' and 'password' (or 'token') to sign in to Appmixer");
    if (!username)
        throw new InputError('username', "is required with 'password'");
    if (!password)
        throw new InputError('password', `is required to sign in as ${quote(username)}`);
    return { kind: 'password', username, password };
}
function parseCall(input, workspace) {
    const method = (input('method') || 'GET').toUpperCase();
    if (!METHODS.includes(method))
        throw new InputError('method', `${quote(method)} is not one of ${METHODS.join(', ')}`);
    const body = parseBody(input('body'), input('body-file'), workspace);
    if (body.kind !== 'none' && (method === 'GET' || method === 'HEAD')) {
        throw new InputError(body.kind === 'file' ? 'body-file' : 'body', `a request body cannot be sent with ${method}; set 'method' to POST, PUT or PATCH`);
    }
    return {
        method,
        endpoint: parseEndpoint(input('endpoint') || '/user'),
        query: parseLines('query', input('query'), '=').map(([name, value]) => {
            if (!name)
                throw new InputError('query', `${quote(`${name}=${value}`)} has no parameter name`);
            return [name, value];
        }),
        headers: parseHeaders(input('headers')),
        body
    };
}
function parseGate(input) {
    const flows = nonEmptyLines(input('flows'));
    const command = parseChoice('command', input('command'), ['start', 'stop']);
    const stage = (input('stage') || (command === 'stop' ? 'stopped' : 'running')).toLowerCase();
    if (!STAGES.includes(stage))
        throw new InputError('stage', `${quote(stage)} is not one of ${STAGES.join(', ')}`);
    const maxErrors = input('max-errors') ? parseInteger('max-errors', input('max-errors'), 0, 0, 1_000_000) : undefined;
    const flowOnly = [
        ['command', command],
        ['stage', input('stage')],
        ['max-errors', maxErrors]
    ].find(([, value]) => value !== undefined && value !== '');
    if (flows.length === 0 && flowOnly) {
        // A gate with no flows would pass by accident (say, when a variable expands to nothing).
        throw new InputError('flows', `is empty, but '${flowOnly[0]}' is set; list the flows to gate on, one id or name a line`);
    }
    const endpoint = input('endpoint');
    if (flows.length > 0 && endpoint && endpoint !== '/user') {
        throw new InputError('flows', "cannot be combined with 'endpoint': the flow gate makes its own calls");
    }
    if (flows.length > 0 && input('expect'))
        throw new InputError('expect', "cannot be combined with 'flows'; the flow gate checks 'stage' and 'max-errors'");
    const pollIntervalMs = parseDurationInput('poll-interval', input('poll-interval'), 15_000);
    if (pollIntervalMs < 100)
        throw new InputError('poll-interval', 'must be at least 100ms');
    return {
        expect: input('expect') ? compileExpression('expect', input('expect')) : undefined,
        waitMs: parseDurationInput('wait', input('wait'), 0),
        pollIntervalMs,
        flows,
        stage,
        command,
        maxErrors,
        errorsWindowMs: parsePositiveDuration('errors-window', input('errors-window'), 15 * 60_000),
        onUnavailable: parseChoice('on-unavailable', input('on-unavailable'), ['fail', 'warn', 'pass']) ?? 'fail'
    };
}
function parseChoice(name, text, choices) {
    if (!text)
        return undefined;
    const value = text.toLowerCase();
    if (!choices.includes(value))
        throw new InputError(name, `${quote(text, 40)} is not one of ${choices.join(', ')}`);
    return value;
}
function parseEndpoint(endpoint) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(endpoint) || endpoint.startsWith('//')) {
        throw new InputError('endpoint', `${quote(endpoint)} is an absolute URL; give a path such as /flows. The token is sent only to the configured host`);
    }
    if (!endpoint.startsWith('/'))
        throw new InputError('endpoint', `${quote(endpoint)} must be a path starting with '/', e.g. /flows`);
    if (CONTROL_CHARS.test(endpoint) || /[\s\\#]/.test(endpoint)) {
        throw new InputError('endpoint', 'must not contain spaces, backslashes, control characters or a #fragment');
    }
    return endpoint;
}
function parseHeaders(text) {
    return parseLines('headers', text, ':').map(([name, value]) => {
        if (!HEADER_NAME.test(name))
            throw new InputError('headers', `${quote(name)} is not a valid header name`);
        if (RESERVED_HEADERS.includes(name.toLowerCase()))
            throw new InputError('headers', `${quote(name)} is set by the action and cannot be given`);
        return [name, value.trim()];
    });
}
/** One entry a line, as multi-line inputs are written; blank lines do not count. */
function nonEmptyLines(text) {
    return text
        .split(/\r?\n/)
        .map(line => line.trim())
        .filter(Boolean);
}
/** `name<sep>value` lines; blank lines are skipped, the value may contain the separator. */
function parseLines(inputName, text, separator) {
    const pairs = [];
    text.split(/\r?\n/).forEach((rawLine, index) => {
        const line = rawLine.trim();
        if (!line)
            return;
        if (CONTROL_CHARS.test(line))
            throw new InputError(inputName, `line ${index + 1} contains a control character`);
        const at = line.indexOf(separator);
        if (at < 0)
            throw new InputError(inputName, `line ${index + 1} ${quote(line)} has no '${separator}'; write one 'name${separator}value' a line`);
        pairs.push([line.slice(0, at).trim(), line.slice(at + 1)]);
    });
    return pairs;
}
function parseBody(body, bodyFile, workspace) {
    if (body && bodyFile)
        throw new InputError('body', "set either 'body' or 'body-file', not both");
    if (bodyFile)
        return { kind: 'file', path: resolvePath('body-file', bodyFile, workspace) };
    if (!body)
        return { kind: 'none' };
    return { kind: 'inline', json: parseJsonText('body', body) };
}
/** Checks that `text` is JSON and returns it compacted; the error says where it breaks. */
function parseJsonText(inputName, text) {
    try {
        return JSON.stringify(JSON.parse(text));
    }
    catch (error) {
        const reason = error instanceof SyntaxError ? error.message : 'unreadable';
        throw new InputError(inputName, `is not valid JSON (${quote(reason, 120).slice(1, -1)})`);
    }
}
function parseBoolean(name, text, fallback) {
    if (!text)
        return fallback;
    if (/^(true|yes|on)$/i.test(text))
        return true;
    if (/^(false|no|off)$/i.test(text))
        return false;
    throw new InputError(name, `${quote(text, 40)} is not a boolean; use true or false`);
}
function parseInteger(name, text, fallback, min, max) {
    if (!text)
        return fallback;
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
        throw new InputError(name, `${quote(text, 40)} is not a whole number from ${min} to ${max}`);
    }
    return Number(text);
}
function parseDurationInput(name, text, fallback) {
    if (!text)
        return fallback;
    const ms = parseDuration(text);
    if (ms === undefined)
        throw new InputError(name, `${quote(text, 40)} is not a duration; use e.g. 30s, 5m, 1h30m or a number of seconds`);
    return ms;
}
function parsePositiveDuration(name, text, fallback) {
    const ms = parseDurationInput(name, text, fallback);
    if (ms <= 0)
        throw new InputError(name, 'must be longer than zero');
    return ms;
}
function resolvePath(name, text, workspace) {
    if (CONTROL_CHARS.test(text))
        throw new InputError(name, 'the path contains a control character');
    return external_node_path_default().resolve(workspace, text);
}

;// CONCATENATED MODULE: ./src/call.ts
/**
 * One API call: the configured endpoint with the configured method, query, headers and body,
 * and the `select` expression evaluated on its JSON.
 */



/** Reads and checks `body-file` before any request, so a bad file fails as bad input. */
async function loadBody(body) {
    if (body.kind === 'none')
        return undefined;
    if (body.kind === 'inline')
        return body.json;
    let text;
    try {
        text = await (0,promises_namespaceObject.readFile)(body.path, 'utf8');
    }
    catch (error) {
        throw new InputError('body-file', `cannot read ${body.path} (${error.code ?? errorMessage(error)})`);
    }
    return parseJsonText('body-file', text);
}
async function callEndpoint(client, config, body, deadline) {
    const { method, endpoint, query, headers } = config.call;
    const response = await client.request({ method, path: endpoint, query, headers, body }, deadline);
    // A large body that only goes to response-file is never parsed.
    let parsed;
    return {
        method,
        url: client.url(endpoint, query),
        response,
        get json() {
            parsed ??= { json: parseJson(response.text) };
            return parsed.json;
        },
        ok: response.status >= 200 && response.status < 300
    };
}
function parseJson(text) {
    if (!text.trim())
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/masking.ts
/** Values shorter than this are not masked: masking `1` or `on` would garble the whole log. */
const MIN_MASKED_LENGTH = 4;
/** Every string (and number) the expressions select, however deeply nested. */
function valuesToMask(expressions, response) {
    const found = [];
    const collect = (value) => {
        if (typeof value === 'string')
            found.push(value);
        else if (typeof value === 'number')
            found.push(String(value));
        else if (Array.isArray(value))
            value.forEach(collect);
        else if (value && typeof value === 'object')
            Object.values(value).forEach(collect);
    };
    for (const expression of expressions)
        collect(expression.evaluate(response));
    return found.filter(value => value.trim().length >= MIN_MASKED_LENGTH);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_namespaceObject);
;// CONCATENATED MODULE: ./src/gate/flows.ts
/**
 * Flows as the gate sees them: every page of `GET /flows` (only the fields it needs), the
 * listed ids or names resolved against them, and each flow's state judged against the stage
 * and the error budget. Listing costs ⌈flows/100⌉ requests a poll, however many are gated.
 */



const PAGE_SIZE = 100;
const PROJECTION = 'flowId,name,stage,stageChangeInfo,mtime,started,stopped';
async function listAllFlows(client, deadline) {
    const flows = [];
    for (let offset = 0;; offset += PAGE_SIZE) {
        // One flow more than a page tells whether another page follows, so 300 flows cost 3
        // requests, not 4 (the last one empty).
        const query = [
            ['projection', PROJECTION],
            ['offset', String(offset)],
            ['limit', String(PAGE_SIZE + 1)]
        ];
        const response = await client.request({ method: 'GET', path: '/flows', query }, deadline);
        const page = expectJson(response, { method: 'GET', url: client.url('/flows', query) });
        if (!Array.isArray(page))
            throw new ActionError(`GET /flows at ${client.baseUrl.origin} did not answer with a list of flows`);
        flows.push(...page.slice(0, PAGE_SIZE).map(toFlowInfo));
        if (page.length <= PAGE_SIZE)
            return flows;
    }
}
/** The JSON of a 2xx answer; an error that says what came back otherwise. */
function expectJson(response, request) {
    if (response.status < 200 || response.status >= 300) {
        throw httpError(request, response);
    }
    const json = parseJson(response.text);
    if (json === undefined)
        throw new ActionError(`${request.method} ${request.url.pathname} at ${request.url.origin} did not answer with JSON`);
    return json;
}
function toFlowInfo(raw) {
    const flow = (raw ?? {});
    const info = (flow.stageChangeInfo ?? {});
    const text = (value) => (typeof value === 'string' ? value : undefined);
    const lastChange = [info.changedAt, info.time, flow.stage === 'running' ? flow.started : flow.stopped, flow.mtime].map(text).find(Boolean);
    return { flowId: text(flow.flowId) ?? '', name: text(flow.name) ?? '', stage: text(flow.stage) ?? 'unknown', lastChange };
}
/** Each listed id or exact name, as one flow; every unknown or ambiguous entry is reported at once. */
function resolveFlows(wanted, all) {
    const problems = [];
    const resolved = [];
    for (const entry of wanted) {
        const byId = all.find(flow => flow.flowId === entry);
        const byName = byId ? [byId] : all.filter(flow => flow.name === entry);
        if (byName.length === 1) {
            if (!resolved.some(flow => flow.flowId === byName[0].flowId))
                resolved.push(byName[0]);
        }
        else if (byName.length > 1) {
            problems.push(`'${entry}' names ${byName.length} flows (${byName.map(flow => flow.flowId).join(', ')}); list the one you mean by its id`);
        }
        else {
            const candidates = similarNames(entry, all);
            problems.push(`no flow has the id or name '${entry}'` + (candidates.length ? `; similar: ${candidates.map(name => `'${name}'`).join(', ')}` : ''));
        }
    }
    if (problems.length)
        throw new ActionError(`Input 'flows': ${problems.join('. ')}. The user can see ${all.length} flows.`);
    return resolved;
}
function similarNames(entry, all) {
    const needle = entry.toLowerCase();
    const names = [...new Set(all.map(flow => flow.name))];
    return names.filter(name => name.toLowerCase().includes(needle) || needle.includes(name.toLowerCase())).slice(0, 5);
}
/**
 * The state of each gated flow against the rule; flows that hold the gate back come first.
 * `max-errors` bounds the errors of all listed flows together; when it is exceeded, every flow
 * that logged errors is named.
 */
function judgeFlows(targets, listing, errors, rule) {
    const current = new Map(listing.map(flow => [flow.flowId, flow]));
    const totalErrors = errors ? targets.reduce((sum, flow) => sum + (errors.get(flow.flowId) ?? 0), 0) : 0;
    const overBudget = rule.maxErrors !== undefined && totalErrors > rule.maxErrors;
    const verdicts = targets.map((target) => {
        const flow = current.get(target.flowId);
        const stage = flow?.stage ?? 'missing';
        const count = errors ? (errors.get(target.flowId) ?? 0) : null;
        const problems = [];
        if (!flow)
            problems.push('no longer exists');
        else if (stage !== rule.stage)
            problems.push(`is ${stage}, expected ${rule.stage}`);
        if (overBudget && count)
            problems.push(`logged ${count} error${count === 1 ? '' : 's'} in the last ${rule.errorsWindow}`);
        const problem = problems.length ? problems.join(', and ') : undefined;
        return { flowId: target.flowId, name: flow?.name ?? target.name, stage, errors: count, lastChange: flow?.lastChange, problem };
    });
    return [...verdicts.filter(flow => flow.problem), ...verdicts.filter(flow => !flow.problem)];
}
/** Names the first few flows that hold the gate back and counts the rest: one line, however many. */
function pendingLine(holding, shown = 3) {
    const named = holding.slice(0, shown).map(flow => `'${flow.name}' ${flow.problem}`);
    if (holding.length > shown)
        named.push(`and ${holding.length - shown} more flows`);
    return named.join('; ');
}
function flowLabel(flow) {
    return `'${flow.name}' (${flow.flowId})`;
}

;// CONCATENATED MODULE: ./src/summary.ts


const VERDICT_ICON = { pass: '✅', fail: '❌', timeout: '⏱️', unavailable: '⚠️' };
/** Rows of the flow table; the rest are in output `flows`. */
const MAX_SUMMARY_FLOWS = 300;
/** The job summary of a plain call: what was called, what came back, the verdict. */
function callSummary(summary) {
    const { outcome } = summary;
    const title = outcome ? `${describe(outcome)} → ${outcome.response.status} ${outcome.response.statusText}` : 'no answer';
    const rows = [
        ['Result', `${VERDICT_ICON[summary.verdict]} ${summary.verdict}`],
        ['Host', hostOf(summary.baseUrl)]
    ];
    if (summary.value !== undefined)
        rows.push(['Value', code(summary.value)]);
    if (summary.problem)
        rows.push(['Problem', escapeCell(summary.problem)]);
    return [
        `### Appmixer: ${escapeCell(title)}`,
        '',
        '| | |',
        '| --- | --- |',
        ...rows.map(([name, text]) => `| ${name} | ${text} |`),
        '',
        runLink(summary.runUrl)
    ].join('\n');
}
/** The job summary of a flow gate: verdict, what was checked, and a table with failing flows first. */
function flowGateSummary(config, ending) {
    const { gate } = config;
    const flows = ending.trace.flows ?? [];
    const checks = [`${flows.length} flow${flows.length === 1 ? '' : 's'} must be **${gate.stage}**`];
    if (gate.command)
        checks.push(`after sending **${gate.command}**`);
    if (gate.maxErrors !== undefined) {
        checks.push(`at most **${gate.maxErrors}** error${gate.maxErrors === 1 ? '' : 's'} in the last ${formatDuration(gate.errorsWindowMs)}`);
    }
    if (gate.waitMs > 0)
        checks.push(`waiting up to ${formatDuration(gate.waitMs)}`);
    const capped = ending.trace.errorsCapped ? '+' : '';
    const rows = flows.slice(0, MAX_SUMMARY_FLOWS).map(flow => {
        const errors = flow.errors === null ? '–' : `${flow.errors}${capped}`;
        const state = flow.problem ? `❌ ${escapeCell(flow.problem)}` : '✅';
        return `| ${escapeCell(flow.name.slice(0, 120))} | ${code(flow.flowId)} | ${escapeCell(flow.stage)} | ${errors} | ${escapeCell(flow.lastChange ?? '')} | ${state} |`;
    });
    const lines = [
        `### Appmixer flow gate: ${VERDICT_ICON[ending.verdict]} ${ending.verdict}`,
        '',
        `Host ${hostOf(config.baseUrl)}: ${checks.join(', ')}.`,
        ''
    ];
    if (ending.problem && ending.verdict !== 'pass')
        lines.push(`> ${escapeCell(ending.problem.slice(0, 2_000))}`, '');
    if (rows.length)
        lines.push('| Flow | Id | Stage | Errors | Last change | |', '| --- | --- | --- | --- | --- | --- |', ...rows);
    if (flows.length > MAX_SUMMARY_FLOWS)
        lines.push('', `…and ${flows.length - MAX_SUMMARY_FLOWS} more flows (see output \`flows\`).`);
    lines.push('', runLink(ending.runUrl));
    return lines.join('\n');
}
function hostOf(url) {
    return url.origin + (url.pathname === '/' ? '' : url.pathname);
}
function runLink(runUrl) {
    return runUrl ? `[Workflow run](${runUrl})\n` : '';
}
/**
 * Text from Appmixer (flow names, messages) as inert Markdown in a table cell: no links,
 * images, HTML or formatting a flow's author could slip into the summary.
 */
function escapeCell(text) {
    return text
        .replace(/[\\`*_[\]|!]/g, char => `\\${char}`)
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/\r\n|\r|\n/g, ' ');
}
function code(text, max = 300) {
    const short = text.length > max ? `${text.slice(0, max)}…` : text;
    // Inside a code span only a backtick (which would end it) and a pipe (which would end the cell) matter.
    return `\`${short
        .replace(/`/g, "'")
        .replace(/\|/g, '\\|')
        .replace(/\r\n|\r|\n/g, ' ')}\``;
}

;// CONCATENATED MODULE: ./src/report.ts
/**
 * What the step leaves behind: outputs, the response file, the verdict as the workflow sees
 * it, and the job summary (written by summary.ts). Large bodies
 * go to a file instead of an output, since outputs are capped (1 MB a job, and ~128 KiB when
 * passed on to another action's input).
 */







const SAFE_OUTPUT_BYTES = 100 * 1024;
/** Sets `response` and `response-file`; writes the file when asked, or when the body is too large for an output. */
async function writeResponse(runner, outcome, requestedFile) {
    const { response } = outcome;
    const bodyBytes = Buffer.byteLength(response.text);
    // Compact JSON is never longer than the body it came from, bar rare escapes; a body far
    // larger than an output can hold is not re-serialised at all.
    const compact = bodyBytes <= 4 * SAFE_OUTPUT_BYTES
        ? runner.redact(outcome.json === undefined ? response.text : JSON.stringify(outcome.json))
        : undefined;
    const outputBytes = compact === undefined ? bodyBytes : Buffer.byteLength(compact);
    const tooLarge = outputBytes > SAFE_OUTPUT_BYTES;
    let responseFile = requestedFile;
    if (tooLarge && !responseFile) {
        responseFile = external_node_path_default().join(process.env.RUNNER_TEMP || external_node_os_default().tmpdir(), `appmixer-response-${(0,external_node_crypto_.randomUUID)()}.json`);
    }
    if (responseFile) {
        await (0,promises_namespaceObject.mkdir)(external_node_path_default().dirname(responseFile), { recursive: true });
        await writeText(responseFile, runner.redact(response.text));
        runner.output('response-file', responseFile);
    }
    if (tooLarge) {
        runner.warning(`The response (${formatBytes(outputBytes)}) is larger than is safe for a step output ` +
            `(${formatBytes(SAFE_OUTPUT_BYTES)}), so output 'response' is empty; read the body from ${responseFile}`);
    }
    runner.output('response', tooLarge ? '' : (compact ?? ''));
}
/** Writes a string in slices, so a large body is never copied whole into one buffer. */
async function writeText(file, text, sliceLength = 1 << 20) {
    const handle = await (0,promises_namespaceObject.open)(file, 'w');
    try {
        for (let at = 0; at < text.length;) {
            let end = Math.min(at + sliceLength, text.length);
            // Never split a surrogate pair: half of one would be written as U+FFFD.
            if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]))
                end++;
            await handle.write(text.slice(at, end));
            at = end;
        }
    }
    finally {
        await handle.close();
    }
}
/** A `select` result as an output: a string as is, anything else as JSON text. */
function valueText(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
}
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    if (bytes < 1024 * 1024)
        return `${(bytes / 1024).toFixed(1)} KiB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
/** The one place a step ends: outputs, the verdict as the workflow sees it, the job summary. */
async function conclude(runner, config, ending) {
    const { verdict, trace } = ending;
    runner.output('result', verdict);
    if (ending.status !== undefined)
        runner.output('status', String(ending.status));
    if (trace.call && config) {
        await writeResponse(runner, trace.call, config.responseFile).catch(error => runner.warning(`Could not write the response file: ${errorMessage(error)}`));
    }
    if (trace.value !== undefined)
        runner.output('value', trace.value);
    if (trace.flows)
        runner.output('flows', JSON.stringify(flowsOutput(trace.flows)));
    const problem = ending.problem ?? `The step ended with result ${verdict}`;
    if (verdict === 'unavailable' && config?.gate.onUnavailable === 'warn') {
        runner.warning(`${problem} (on-unavailable: warn, so the step does not fail)`, 'Appmixer unavailable');
    }
    else if (verdict === 'unavailable' && config?.gate.onUnavailable === 'pass') {
        runner.info(`${problem} (on-unavailable: pass, so the step does not fail)`);
    }
    else if (verdict !== 'pass') {
        runner.fail(problem);
    }
    if (config?.summary) {
        const markdown = trace.flows
            ? flowGateSummary(config, ending)
            : callSummary({
                baseUrl: config.baseUrl,
                verdict,
                outcome: trace.call,
                value: trace.value,
                problem: ending.problem,
                runUrl: ending.runUrl
            });
        await runner.appendSummary(markdown).catch(error => runner.warning(`Could not write the job summary: ${errorMessage(error)}`));
    }
}
/** Output `flows`: what a later step needs of each gated flow. */
function flowsOutput(flows) {
    return flows.map(({ flowId, name, stage, errors }) => ({ flowId, name, stage, errors }));
}
/** `'Orders sync' is stopped, expected running; …` for the flows that hold the gate back. */
function describeFlowProblems(flows) {
    const holding = flows.filter(flow => flow.problem);
    return `${holding.length} of ${flows.length} flows not as required: ${pendingLine(holding, 10)}`;
}

;// CONCATENATED MODULE: ./src/gate/poll.ts


/**
 * Runs `check` until it is met or `waitMs` has passed. With a wait, an unreachable Appmixer is
 * one more failed poll (it may be restarting during a deploy); without one, it ends the step.
 * `check` receives the deadline, to bound its own retries.
 */
async function pollUntil(check, options) {
    const { waitMs, intervalMs, clock, onProgress } = options;
    const deadline = clock.now() + waitMs;
    let last;
    for (let polls = 1;; polls++) {
        let unavailable;
        try {
            last = await check(waitMs > 0 ? deadline : Number.POSITIVE_INFINITY);
            if (last.met)
                return { verdict: 'pass', last, polls };
        }
        catch (error) {
            if (!(error instanceof UnavailableError) || waitMs === 0)
                throw error;
            unavailable = error;
        }
        const remaining = deadline - clock.now();
        if (remaining <= 0) {
            if (unavailable)
                return { verdict: 'unavailable', last, unavailable, polls };
            return { verdict: waitMs > 0 ? 'timeout' : 'fail', last, polls };
        }
        const pause = Math.min(intervalMs, remaining);
        const pending = unavailable ? `Appmixer unreachable (${unavailable.message})` : last.pending;
        onProgress(`Check ${polls}: ${pending}; next check in ${formatDuration(pause)}, ${formatDuration(remaining)} left`);
        await clock.sleep(pause);
    }
}

;// CONCATENATED MODULE: ./src/gate/expect-gate.ts
/**
 * A call turned into a gate: the `expect` condition over the response, checked once or,
 * with `wait`, polled until it holds.
 */








async function runCallGate(client, config, body, clock, log, trace, 
/** Registers secrets found by `mask`; called on every response before anything is written. */
protect = () => undefined) {
    const { expect } = config.gate;
    return pollUntil(async (deadline) => {
        const call = await callEndpoint(client, config, body, deadline);
        if (config.mask.length > 0 && call.json !== undefined)
            valuesToMask(config.mask, call.json).forEach(protect);
        trace.call = call;
        const status = `${call.response.status} ${call.response.statusText}`;
        if (!call.ok && config.failOnHttpError) {
            throw httpError(call, call.response);
        }
        if ((config.select || expect) && call.json === undefined) {
            const input = config.select ? 'select' : 'expect';
            throw new ActionError(`Input '${input}': the response of ${describe(call)} (${status}) is not JSON, so '${input}' cannot be evaluated`);
        }
        if (config.select)
            trace.value = valueText(config.select.evaluate(call.json));
        if (!expect)
            return { met: true, detail: undefined, pending: '' };
        const result = expect.evaluate(call.json);
        return { met: isTruthy(result), detail: result, pending: `'${expect.text}' is ${shortJson(result)} (${describe(call)} → ${status})` };
    }, { waitMs: expect ? config.gate.waitMs : 0, intervalMs: config.gate.pollIntervalMs, clock, onProgress: log });
}
function shortJson(value, max = 80) {
    const text = JSON.stringify(value) ?? 'null';
    return text.length > max ? `${text.slice(0, max)}…` : text;
}

;// CONCATENATED MODULE: ./src/gate/error-budget.ts

/** Flow ids per request, to keep URLs short. */
const FLOWS_PER_REQUEST = 100;
/** Hits per request: counting more than this would only make the answer heavier. */
const MAX_COUNTED = 1_000;
/** `since` is an ISO 8601 time. */
function errorsQuery(since) {
    return `severity:error AND gridTimestamp:[${since} TO *]`;
}
async function countErrors(client, flowIds, maxErrors, since, deadline) {
    const perFlow = new Map();
    let capped = false;
    // One hit more than the budget decides the gate; a hundred give useful counts for the table.
    const size = Math.min(MAX_COUNTED, Math.max(maxErrors + 1, 100));
    for (let start = 0; start < flowIds.length; start += FLOWS_PER_REQUEST) {
        const query = [
            ...flowIds.slice(start, start + FLOWS_PER_REQUEST).map((id) => ['flowId', id]),
            ['query', errorsQuery(since)],
            ['size', String(size)],
            ['sort', 'gridTimestamp:desc']
        ];
        const response = await client.request({ method: 'GET', path: '/logs', query }, deadline);
        const body = expectJson(response, { method: 'GET', url: client.url('/logs', query) });
        const hits = Array.isArray(body?.hits) ? body.hits : [];
        if (hits.length >= size)
            capped = true;
        for (const hit of hits) {
            // Hits come flat (as documented) or wrapped in _source (as Elasticsearch returns them).
            const record = (hit?._source ?? hit);
            if (typeof record?.flowId === 'string')
                perFlow.set(record.flowId, (perFlow.get(record.flowId) ?? 0) + 1);
        }
    }
    return { perFlow, capped };
}

;// CONCATENATED MODULE: ./src/gate/commands.ts
/** Start or stop flows around a deploy: `POST /flows/:id/coordinator` with `{command}`. */



const RESULTING_STAGE = { start: 'running', stop: 'stopped' };
/**
 * Sends the command to each flow not already where it would take it (what Appmixer does with
 * `start` on a running flow is not documented, so it is not asked). Returns the flows it sent to.
 */
async function sendCommand(client, flows, command, log) {
    const sent = [];
    for (const flow of flows) {
        if (flow.stage === RESULTING_STAGE[command]) {
            log(`Flow ${flowLabel(flow)} is already ${flow.stage}; no ${command} sent`);
            continue;
        }
        const path = `/flows/${encodeURIComponent(flow.flowId)}/coordinator`;
        const response = await client.request({ method: 'POST', path, body: JSON.stringify({ command }) });
        if (response.status < 200 || response.status >= 300) {
            const message = `Appmixer refused to ${command} flow ${flowLabel(flow)}: POST ${path} returned ${response.status} ${response.statusText}: ${errorDetail(response)}`;
            throw errorForStatus(response.status, message);
        }
        log(`Sent ${command} to flow ${flowLabel(flow)}`);
        sent.push(flow);
    }
    return sent;
}

;// CONCATENATED MODULE: ./src/gate/flow-gate.ts






async function runFlowGate(client, gate, clock, log) {
    const firstListing = await listAllFlows(client);
    const targets = resolveFlows(gate.flows, firstListing);
    log(`Gating on ${targets.length} flow${targets.length === 1 ? '' : 's'}: ${targets.map(flowLabel).join(', ')}`);
    const sentCommand = gate.command ? (await sendCommand(client, targets, gate.command, log)).length > 0 : false;
    let reusable = sentCommand ? undefined : firstListing;
    let errorsCapped = false;
    const errorsWindow = formatDuration(gate.errorsWindowMs);
    const poll = await pollUntil(async (deadline) => {
        const listing = reusable ?? (await listAllFlows(client, deadline));
        reusable = undefined;
        let errors;
        if (gate.maxErrors !== undefined) {
            const since = isoTime(clock.now() - gate.errorsWindowMs);
            const counted = await countErrors(client, targets.map(flow => flow.flowId), gate.maxErrors, since, deadline);
            errors = counted.perFlow;
            errorsCapped = counted.capped;
        }
        const verdicts = judgeFlows(targets, listing, errors, { stage: gate.stage, maxErrors: gate.maxErrors, errorsWindow });
        const holding = verdicts.filter(flow => flow.problem);
        return {
            met: holding.length === 0,
            detail: verdicts,
            pending: pendingLine(holding)
        };
    }, { waitMs: gate.waitMs, intervalMs: gate.pollIntervalMs, clock, onProgress: log });
    return { poll, flows: poll.last?.detail ?? [], errorsCapped };
}

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"1.0.0"};
;// CONCATENATED MODULE: ./src/identity.ts
/**
 * Who is calling: a User-Agent that lets an Appmixer administrator tell which pipeline made a
 * call, and the link to this run for the job summary. Read from the variables the runner sets
 * (the same ones `@actions/github`'s `context` reads; importing that package would load
 * octokit and cost ~90 ms of start-up, docs/benchmarks.md).
 */

function runIdentity(env = process.env) {
    const product = `appmixer-action/${package_namespaceObject.rE}`;
    const repository = env.GITHUB_REPOSITORY;
    const runId = env.GITHUB_RUN_ID;
    if (!repository || !runId)
        return { userAgent: product };
    const server = env.GITHUB_SERVER_URL || 'https://github.com';
    return { userAgent: `${product} (${repository}; run ${runId})`, runUrl: `${server}/${repository}/actions/runs/${runId}` };
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./src/workflow-commands.ts
/**
 * The runner's protocol, as GitHub documents it ("Workflow commands for GitHub Actions"):
 * `::name key=value::message` lines on stdout, and `name<<delimiter` blocks appended to the
 * GITHUB_OUTPUT file. Byte for byte what `@actions/core` writes (a unit test holds it to
 * that), in a few dozen lines: importing the toolkit costs ~80 ms of start-up per step, most
 * of it for an HTTP stack (undici) that only its OIDC helper uses (docs/benchmarks.md).
 */




function getInput(name) {
    return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
function isDebug() {
    return process.env.RUNNER_DEBUG === '1';
}
function issueCommand(command, properties, message) {
    const props = Object.entries(properties)
        .filter(([, value]) => value)
        .map(([key, value]) => `${key}=${escapeProperty(value)}`)
        .join(',');
    process.stdout.write(`::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${external_node_os_namespaceObject.EOL}`);
}
function info(message) {
    process.stdout.write(message + external_node_os_namespaceObject.EOL);
}
function setSecret(secret) {
    issueCommand('add-mask', {}, secret);
}
function setOutput(name, value) {
    const file = process.env.GITHUB_OUTPUT;
    if (!file) {
        // Outside a runner (or an old one): the deprecated stdout form, as the toolkit falls back to.
        process.stdout.write(external_node_os_namespaceObject.EOL);
        issueCommand('set-output', { name }, value);
        return;
    }
    const delimiter = `ghadelimiter_${(0,external_node_crypto_.randomUUID)()}`;
    // A value cannot hold a random UUID it has never seen; the toolkit checks anyway, and so do we.
    if (name.includes(delimiter) || value.includes(delimiter))
        throw new Error(`Output '${name}' contains its own delimiter`);
    (0,external_node_fs_namespaceObject.appendFileSync)(file, `${name}<<${delimiter}${external_node_os_namespaceObject.EOL}${value}${external_node_os_namespaceObject.EOL}${delimiter}${external_node_os_namespaceObject.EOL}`, { encoding: 'utf8' });
}
function setFailed(message) {
    process.exitCode = 1;
    issueCommand('error', {}, message);
}
async function appendSummary(markdown) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (file)
        await (0,promises_namespaceObject.appendFile)(file, markdown + external_node_os_namespaceObject.EOL, { encoding: 'utf8' });
}
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(text) {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

;// CONCATENATED MODULE: ./src/secrets.ts
/**
 * The secrets of one step (password, token, masked response values) and their redaction.
 *
 * Each secret is registered with the runner (`::add-mask::`) the moment it is known, and every
 * line the action writes passes through `redact` as well, so a secret stays hidden even where
 * the runner would not mask it: in a file output, in the job summary, or in an encoded form.
 */
const REDACTED = '***';
class SecretRegistry {
    registerWithRunner;
    forms = new Set();
    constructor(registerWithRunner) {
        this.registerWithRunner = registerWithRunner;
    }
    /** Registers a secret; values shorter than `minLength` are ignored (masking `a` garbles logs). */
    add(secret, minLength = 1) {
        if (!secret || secret.length < minLength)
            return;
        for (const line of secret.split(/\r?\n/)) {
            const value = line.trim();
            if (value.length < minLength || this.forms.has(value))
                continue;
            // The runner masks what it is told; tell it before the value can appear anywhere.
            this.registerWithRunner(value);
            for (const form of encodedForms(value))
                this.forms.add(form);
        }
    }
    get size() {
        return this.forms.size;
    }
    redact(text) {
        if (this.forms.size === 0 || text.length === 0)
            return text;
        let result = text;
        // Longest first, so a secret that contains another is replaced whole.
        for (const form of [...this.forms].sort((a, b) => b.length - a.length)) {
            if (result.includes(form))
                result = result.split(form).join(REDACTED);
        }
        return result;
    }
}
/** The secret as it might appear in a log: raw, JSON-escaped, URL-encoded, base64. */
function encodedForms(value) {
    const forms = [
        value,
        JSON.stringify(value).slice(1, -1),
        encodeURIComponent(value),
        Buffer.from(value).toString('base64').replace(/=+$/, '')
    ];
    return forms.filter(form => form.length > 0);
}
/** Passwords in proxy URLs (`https://user:pass@proxy:3128`): secrets of the runner's, masked too. */
function proxyPasswords(env) {
    const passwords = [];
    for (const name of ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy']) {
        const value = env[name];
        if (!value || !URL.canParse(value))
            continue;
        const { password } = new URL(value);
        if (password)
            passwords.push(decodeURIComponent(password));
    }
    return passwords;
}

;// CONCATENATED MODULE: ./src/runner.ts
/**
 * Everything the action says to the runner goes through here: log lines, annotations, outputs,
 * the job summary. Each text is redacted against the step's secrets on its way out, so no code
 * path can print a password or token, even one the server echoed back.
 */


function createRunner(protocol = workflow_commands_namespaceObject) {
    const secrets = new SecretRegistry(value => protocol.setSecret(value));
    const clean = (text) => secrets.redact(text);
    return {
        input: name => protocol.getInput(name),
        secret: (value, minLength) => secrets.add(value, minLength),
        redact: clean,
        debugEnabled: protocol.isDebug(),
        // A plain log line is not escaped by the protocol: a line break in text from Appmixer
        // (a flow name, say) could start a line with `::` and forge a command. Keep it one line.
        info: message => protocol.info(clean(message).replace(/\r\n|\r|\n/g, ' ')),
        debug: message => protocol.issueCommand('debug', {}, clean(message)),
        warning: (message, title) => protocol.issueCommand('warning', { title: title && clean(title) }, clean(message)),
        error: (message, title) => protocol.issueCommand('error', { title: title && clean(title) }, clean(message)),
        output: (name, value) => protocol.setOutput(name, clean(value)),
        revealOutput: (name, value) => protocol.setOutput(name, value),
        fail: message => protocol.setFailed(clean(message)),
        appendSummary: markdown => protocol.appendSummary(clean(markdown))
    };
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * The step: read the inputs, sign in, make the call or run the flow gate, write the outputs.
 * Data flows one way, and every ending goes through `conclude`, which sets `result` always.
 */















const MAX_FLOW_ANNOTATIONS = 9;
async function run(runner = createRunner(), clock = systemClock) {
    // Masked before anything else is read or written.
    runner.secret(runner.input('password'));
    runner.secret(runner.input('token'));
    proxyPasswords(process.env).forEach(password => runner.secret(password));
    // Whatever escapes, even from a socket after the step, ends as one redacted line, never a stack.
    const last = (error) => {
        runner.fail(`Unexpected error: ${errorMessage(error)}`);
        process.exit(1);
    };
    process.on('uncaughtException', last);
    process.on('unhandledRejection', last);
    try {
        await step(runner, clock);
    }
    catch (error) {
        last(error);
    }
}
async function step(runner, clock) {
    const trace = {};
    let config;
    let transport;
    let client;
    let runUrl;
    let ending;
    try {
        config = parseConfig({ readInput: runner.input, workspace: process.env.GITHUB_WORKSPACE || process.cwd() });
        const body = await loadBody(config.call.body);
        const identity = runIdentity();
        runUrl = identity.runUrl;
        transport = new HttpTransport({
            userAgent: identity.userAgent,
            timeoutMs: config.timeoutMs,
            retries: config.retries,
            clock,
            log: runner.info,
            debug: runner.debugEnabled ? runner.debug : undefined
        });
        client = new AppmixerClient(transport, config.baseUrl, config.credentials, token => runner.secret(token));
        if (config.credentials.kind === 'password') {
            await client.signIn();
            runner.info(`Signed in to ${config.baseUrl.origin} as ${config.credentials.username}`);
        }
        if (client.userId)
            runner.output('user-id', client.userId);
        if (config.outputToken && client.token)
            runner.revealOutput('token', client.token);
        ending =
            config.gate.flows.length > 0
                ? await flowGateStep(client, config, clock, runner, trace)
                : await callStep(client, config, body, clock, runner, trace);
    }
    catch (error) {
        const verdict = error instanceof ActionError ? error.verdict : 'fail';
        ending = { verdict, problem: error instanceof ActionError ? error.message : `Unexpected error: ${errorMessage(error)}` };
    }
    finally {
        transport?.close();
    }
    await conclude(runner, config, { ...ending, status: client?.lastStatus, trace, runUrl });
}
async function callStep(client, config, body, clock, runner, trace) {
    if (config.gate.waitMs > 0 && !config.gate.expect)
        runner.warning("Input 'wait' has no effect without 'expect' (or 'flows'): the call is made once");
    const outcome = await runCallGate(client, config, body, clock, runner.info, trace, secret => runner.secret(secret, MIN_MASKED_LENGTH));
    const { call } = trace;
    if (call)
        runner.info(`${call.method} ${call.url.pathname}${call.url.search} → ${call.response.status} ${call.response.statusText}`);
    const expect = config.gate.expect;
    if (outcome.verdict === 'pass' || !expect)
        return { verdict: 'pass' };
    if (outcome.verdict === 'unavailable')
        return { verdict: 'unavailable', problem: outcome.unavailable.message };
    const waited = outcome.verdict === 'timeout' ? ` after waiting ${formatDuration(config.gate.waitMs)} (${outcome.polls} checks)` : '';
    return {
        verdict: outcome.verdict,
        problem: `The condition ${outcome.last?.pending ?? `'${expect.text}' did not hold`}, expected true${waited}`
    };
}
async function flowGateStep(client, config, clock, runner, trace) {
    const gate = await runFlowGate(client, config.gate, clock, runner.info);
    trace.flows = gate.flows;
    trace.errorsCapped = gate.errorsCapped;
    if (config.select)
        trace.value = valueText(config.select.evaluate(flowsOutput(gate.flows)));
    if (gate.poll.verdict === 'pass') {
        const budget = config.gate.maxErrors !== undefined ? ', within the error budget' : '';
        const [only] = gate.flows;
        runner.info(gate.flows.length === 1
            ? `Flow '${only.name}' is ${config.gate.stage}${budget}`
            : `All ${gate.flows.length} flows are ${config.gate.stage}${budget}`);
        return { verdict: 'pass' };
    }
    if (gate.poll.verdict === 'unavailable')
        return { verdict: 'unavailable', problem: gate.poll.unavailable.message };
    // GitHub shows ten error annotations a step; more would only flood the log.
    const holding = gate.flows.filter(flow => flow.problem);
    for (const flow of holding.slice(0, MAX_FLOW_ANNOTATIONS)) {
        runner.error(`Flow ${flowLabel(flow)} ${flow.problem}`, 'Appmixer flow gate');
    }
    const waited = gate.poll.verdict === 'timeout' ? ` after waiting ${formatDuration(config.gate.waitMs)}` : '';
    const hint = config.gate.command && config.gate.waitMs === 0 ? ` (flows take a moment to ${config.gate.command}: set 'wait', e.g. 2m)` : '';
    return {
        verdict: gate.poll.verdict,
        problem: `Flow gate ${gate.poll.verdict === 'timeout' ? 'timed out' : 'failed'}${waited}: ${describeFlowProblems(gate.flows)}${hint}`
    };
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 9783:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ getProxyUrl)
/* harmony export */ });
/* unused harmony export checkBypass */
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
