export const id = 984;
export const ids = [984];
export const modules = {

/***/ 8984:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FOLLOW_INTERVAL_MS: () => (/* binding */ FOLLOW_INTERVAL_MS),
  commandStage: () => (/* binding */ commandStage)
});

// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/gate/flows.ts
var gate_flows = __webpack_require__(1562);
;// CONCATENATED MODULE: ./src/gate/commands.ts


class FlowCommander {
    client;
    command;
    log;
    progress = new Map();
    /** Commands sent (or that may have reached Appmixer): a reading older than the last one is stale. */
    sends = 0;
    constructor(client, command, log) {
        this.client = client;
        this.command = command;
        this.log = log;
    }
    /** The first look at each flow: what it needs, or nothing when it is already where the command leads. */
    begin(flows) {
        for (const flow of flows) {
            const leadsTo = this.command === 'stop' ? 'stopped' : 'running';
            let phase;
            if (this.command === 'restart')
                phase = flow.stage === 'stopped' ? 'start' : 'stop';
            else if (flow.stage === leadsTo)
                phase = 'done';
            else
                phase = this.command;
            if (phase === 'done')
                this.log(`Flow ${(0,gate_flows/* flowLabel */.b5)(flow)} is already ${flow.stage}; no ${this.command} sent`);
            this.progress.set(flow.flowId, { flowId: flow.flowId, name: flow.name, before: flow.stage, phase, sent: false });
        }
    }
    /** Moves each flow on, given its current stage; true when every flow is done. */
    async advance(current, deadline) {
        for (const progress of this.progress.values()) {
            const flow = current.get(progress.flowId);
            if (!flow)
                continue; // deleted meanwhile: the gate tells
            if (progress.phase === 'stopping' && (flow.stage === 'stopped' || (await this.stopDoneByStatus(flow, deadline)))) {
                progress.phase = this.command === 'restart' ? 'start' : 'done';
            }
            else if (progress.phase === 'starting' && flow.stage === 'running') {
                progress.phase = 'done';
            }
            if (progress.phase === 'start' || progress.phase === 'stop')
                await this.send(flow, progress, progress.phase, deadline);
        }
        return [...this.progress.values()].every(progress => progress.phase === 'done');
    }
    /** Flows still under way, for the progress line and a timeout's message. */
    pending() {
        return [...this.progress.values()].filter(progress => progress.phase !== 'done');
    }
    /**
     * A background stop whose status says `completed` is done even before the stage shows it, for
     * a `stop` (the gate then waits for the stage). A restart starts only a flow seen `stopped`:
     * a start sent on the word of the status alone could pass a restart whose stop never took.
     */
    async stopDoneByStatus(flow, deadline) {
        if (this.command === 'restart')
            return false;
        try {
            const status = await this.client.getJson(`/flows/${encodeURIComponent(flow.flowId)}/coordinator/status`, [], deadline);
            return status?.status === 'completed';
        }
        catch (error) {
            // An older engine without the status route: the stage alone tells.
            if (error instanceof errors/* HttpError */.j$ && error.status < 500)
                return false;
            throw error;
        }
    }
    async send(flow, progress, command, deadline) {
        const path = `/flows/${encodeURIComponent(flow.flowId)}/coordinator`;
        const query = command === 'stop' ? [['background', 'true']] : [];
        const next = command === 'stop' ? 'stopping' : 'starting';
        try {
            await this.client.postJson(path, { command }, query, deadline);
            this.log(`Sent ${command} to flow ${(0,gate_flows/* flowLabel */.b5)(flow)}`);
        }
        catch (error) {
            if (error instanceof errors/* HttpError */.j$ && error.status >= 500) {
                this.log(`Flow ${(0,gate_flows/* flowLabel */.b5)(flow)}: ${command} answered ${error.statusLine}; it is sent again at the next check`);
                return;
            }
            if ((0,errors/* isUnavailable */.Pd)(error)) {
                this.log(`Flow ${(0,gate_flows/* flowLabel */.b5)(flow)}: no answer to ${command} in time (${error.message}); its stage will tell whether it happened`);
                progress.sent = true;
                progress.phase = next;
                this.sends++;
                return;
            }
            if (error instanceof errors/* HttpError */.j$) {
                throw error.retold(`Appmixer refused to ${command} flow ${(0,gate_flows/* flowLabel */.b5)(flow)}: POST ${path} returned ${error.statusLine}: ${error.detail}`);
            }
            throw error;
        }
        progress.sent = true;
        progress.phase = next;
        this.sends++;
    }
}

// EXTERNAL MODULE: ./src/gate/gate-stage.ts + 7 modules
var gate_stage = __webpack_require__(3999);
// EXTERNAL MODULE: ./src/poll.ts
var src_poll = __webpack_require__(9810);
;// CONCATENATED MODULE: ./src/gate/command-stage.ts
/**
 * `command`: start, stop or restart the gated flows and follow each until it is where the
 * command leads, checking every second or so (not every `poll-interval`: a command in progress
 * is worth watching closely). A stop that never completes is a `timeout` naming the flow.
 */





/** How often a command in progress is followed. */
const FOLLOW_INTERVAL_MS = 1_000;
const commandStage = {
    name: 'command',
    run: async (step) => {
        const gate = step.config.gate;
        const gated = step.gated;
        // An account that cannot sign in fails the step before any flow is touched.
        const refused = await (0,gate_stage.checkBeforeCommand)(step);
        if (refused)
            return refused;
        const commander = new FlowCommander(step.client, gate.command, step.log);
        // Read once here when no earlier stage did: the first round below works on the same reading.
        gated.fresh ??= await (0,gate_stage.readGated)(step);
        commander.begin(gated.fresh);
        const { waitMs, pollIntervalMs } = step.config.waiting;
        const title = `${gate.command} ${gated.targets.length} flow${gated.targets.length === 1 ? '' : 's'}`;
        let first = true;
        /** How many commands had gone out when the flows were last read. */
        let sendsAtRead = 0;
        try {
            const poll = await (0,src_poll/* pollUntil */.g)(async (deadline) => {
                // The first round works on what resolution just read; later ones read again.
                const current = first && gated.fresh ? gated.fresh : await (0,gate_stage.readGated)(step, deadline);
                first = false;
                gated.fresh = current;
                sendsAtRead = commander.sends;
                const done = await commander.advance(new Map(current.map(flow => [flow.flowId, flow])), deadline);
                return { met: done, detail: undefined, pending: pendingOf(commander) };
            }, {
                waitMs,
                intervalMs: Math.min(FOLLOW_INTERVAL_MS, pollIntervalMs),
                clock: step.clock,
                onProgress: step.log,
                startedAt: step.waitStartedAt
            });
            // A follow that ended done read the flows where the command left them: the gate starts from that.
            if (poll.verdict === 'pass')
                return { verdict: 'pass', title };
            if (poll.verdict === 'unavailable')
                return { verdict: 'unavailable', title, problem: poll.unavailable.message };
            const waited = waitMs > 0 ? ` within ${(0,duration/* formatDuration */.a)(waitMs)}` : '';
            return {
                verdict: waitMs > 0 ? 'timeout' : 'fail',
                title,
                problem: `The ${gate.command} did not finish${waited}: ${pendingOf(commander, 10)}`
            };
        }
        finally {
            // Output `changed` tells the stage each flow is left in: read again after the last command.
            if (commander.sends > sendsAtRead)
                await rereadForChanges(step);
            recordChanges(step, commander, gate.command);
        }
    }
};
function pendingOf(commander, shown = 3) {
    const pending = commander.pending();
    const words = { start: 'not started yet', stop: 'not stopped yet', stopping: 'still stopping', starting: 'still starting', done: 'done' };
    const named = pending.slice(0, shown).map(progress => `${(0,errors/* quote */.hD)(progress.name)} ${words[progress.phase]}`);
    if (pending.length > shown)
        named.push(`and ${pending.length - shown} more flows`);
    return named.join('; ');
}
/** One more reading, past the wait if need be (one request's `timeout`); without it the stages are unknown. */
async function rereadForChanges(step) {
    const gated = step.gated;
    gated.fresh = await (0,gate_stage.readGated)(step, step.clock.now()).catch(() => []);
}
/** Output `changed`: every flow a command reached (or may have), with its stage before and the last one seen. */
function recordChanges(step, commander, command) {
    const latest = new Map((step.gated?.fresh ?? []).map(flow => [flow.flowId, flow.stage]));
    for (const progress of commander.progress.values()) {
        if (!progress.sent)
            continue;
        const after = latest.get(progress.flowId) ?? 'unknown';
        step.changed.push({ flowId: progress.flowId, name: progress.name, action: command, before: progress.before, after });
    }
}


/***/ })

};
