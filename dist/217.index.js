export const id = 217;
export const ids = [217];
export const modules = {

/***/ 4217:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   holdStage: () => (/* binding */ holdStage)
/* harmony export */ });
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7607);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _poll_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9810);
/* harmony import */ var _step_outcome_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4466);
/* harmony import */ var _gate_stage_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3999);
/**
 * `hold`: bake time after the gate passed. Every `poll-interval` until the hold is over, one more
 * round of every check of the gate; the first round that finds a problem, or cannot complete,
 * ends the step at once, naming what broke and when (counted from the hold's start); `pass` only
 * after the whole hold. The hold has its own deadline, `hold` after the gate passed, whatever
 * was left of `wait`. Output `flows` is the last round's.
 */





const holdStage = {
    name: 'hold',
    run: async (step) => {
        const holdMs = step.config.gate.holdMs;
        const { pollIntervalMs } = step.config.waiting;
        const startedAt = step.clock.now();
        const end = startedAt + holdMs;
        const planned = Math.ceil(holdMs / pollIntervalMs);
        const held = () => (0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(Math.max(0, step.clock.now() - startedAt));
        let opened = false;
        let checks = 0;
        let last;
        let verdict;
        try {
            ;
            ({ verdict } = await (0,_poll_js__WEBPACK_IMPORTED_MODULE_2__/* .pollUntil */ .g)(async () => {
                // The gate's passing round opens the hold: the first check of the hold comes one interval later.
                if (!opened) {
                    opened = true;
                    return { met: false, detail: undefined, pending: `the gate passed; holding for ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(holdMs)}` };
                }
                checks++;
                try {
                    last = await (0,_gate_stage_js__WEBPACK_IMPORTED_MODULE_4__.gateRound)(step, end);
                }
                catch (error) {
                    throw new HoldBroken(held(), undefined, error);
                }
                if (!last.met)
                    throw new HoldBroken(held(), last);
                const pending = `held ${held()} of ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(holdMs)}, ${checks} check${checks === 1 ? '' : 's'} passed`;
                return { met: step.clock.now() >= end, detail: undefined, pending };
            }, { waitMs: holdMs, intervalMs: pollIntervalMs, clock: step.clock, onProgress: step.log, startedAt }));
        }
        catch (error) {
            if (!(error instanceof HoldBroken))
                throw error;
            const when = `${error.at} into the ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(holdMs)} hold (check ${checks} of ${planned})`;
            if (error.round) {
                const problem = `Hold broken ${when}: ${(0,_gate_stage_js__WEBPACK_IMPORTED_MODULE_4__.describeProblems)(error.round)}`;
                step.log(problem);
                return withHoldSummary((0,_gate_stage_js__WEBPACK_IMPORTED_MODULE_4__.gateOutcome)(step, 'fail', error.round, problem), `Hold broken ${when}.`);
            }
            const failed = (0,_step_outcome_js__WEBPACK_IMPORTED_MODULE_3__/* .errorOutcome */ .zY)(error.cause);
            const problem = `Hold broken ${when}: the check could not complete: ${failed.problem ?? (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error.cause)}`;
            return { ...failed, problem, title: 'hold', summary: `Hold broken ${when}: the check could not complete.` };
        }
        // A round runs at the hold's end, so a hold whose every round passed ends `pass`; anything
        // else did not see the whole hold through.
        if (verdict !== 'pass') {
            return {
                verdict: 'fail',
                title: 'hold',
                problem: `The ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(holdMs)} hold did not complete (${verdict}, ${checks} checks passed)`
            };
        }
        const line = `Held ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(holdMs)}: ${checks} check${checks === 1 ? '' : 's'}, all passed.`;
        step.log(line);
        // The outcome's own verdict: writing its outputs (a `select` on the flows) can still fail it.
        const outcome = (0,_gate_stage_js__WEBPACK_IMPORTED_MODULE_4__.gateOutcome)(step, 'pass', last);
        return { ...outcome, annotations: undefined, title: `hold ${(0,_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(holdMs)}`, summary: line };
    }
};
function withHoldSummary(outcome, line) {
    return { ...outcome, title: 'hold', summary: `${line}\n\n${outcome.summary ?? ''}` };
}
/** A round of the hold that found a problem, or could not complete. */
class HoldBroken extends Error {
    at;
    round;
    cause;
    constructor(
    /** How long the hold had lasted: `2m30s`. */
    at, round, cause) {
        super('hold broken');
        this.at = at;
        this.round = round;
        this.cause = cause;
    }
}


/***/ })

};
