import {useEffect, useRef, useState} from 'react';
import type {BatchDecision, FailureDecision, RolloutControls} from '../../engine/controls.ts';
import type {Engine} from '../../engine/engine.ts';
import type {EngineEvent} from '../../engine/events.ts';
import type {RolloutPlan} from '../../plan/types.ts';
import {reduceEvents} from '../../progress/reduce.ts';
import {emptyProgress, type ProgressState} from '../../progress/state.ts';
import type {Lifecycle} from '../../lifecycle.ts';
import {type Question, useQuestions} from './use-questions.ts';

export type Rollout = {
	readonly progress: ProgressState;
	readonly question?: Question;
	readonly answerBatch: (decision: BatchDecision) => void;
	readonly answerFailure: (decision: FailureDecision) => void;
	/** Release no more nodes: open and later questions are answered pause / stop. */
	readonly stop: () => void;
	/** Abort the engine's signal: it stops waiting and cleans up. */
	readonly abort: () => void;
	/** The event stream ended (after `finished`, an error or an abort). */
	readonly ended: boolean;
	readonly error?: unknown;
};

type Policy = 'ask' | 'continue-all' | 'stop';

/** Runs the plan once, folding the engine's events into progress and its questions into a queue. */
export function useRollout(engine: Engine, plan: RolloutPlan, lifecycle: Lifecycle): Rollout {
	const [progress, setProgress] = useState(() => reduceEvents(emptyProgress, [{type: 'plan', at: Date.now(), ...plan}]));
	const [ended, setEnded] = useState(false);
	const [error, setError] = useState<unknown>();
	const questions = useQuestions();
	const policy = useRef<Policy>('ask');
	const [controller] = useState(() => new AbortController());

	// The controls outlive renders; they read the latest questions through a ref.
	const latest = useRef(questions);
	latest.current = questions;

	useEffect(() => {
		const signal = AbortSignal.any([lifecycle.signal, controller.signal]);
		const controls: RolloutControls = {
			async beforeBatch(index, nodes) {
				if (signal.aborted) {
					return 'abort';
				}

				if (policy.current !== 'ask') {
					return policy.current === 'stop' ? 'pause' : 'continue';
				}

				return latest.current.askBatch(index, nodes);
			},
			async onFailure(node, failure) {
				return signal.aborted || policy.current === 'stop' ? 'stop' : latest.current.askFailure(node, failure);
			},
		};
		const onAbort = () => {
			latest.current.answerAll('abort', 'stop');
		};

		signal.addEventListener('abort', onAbort, {once: true});

		// Events arriving together are folded together: one copy of the node map per burst.
		let pending: EngineEvent[] = [];
		const flush = () => {
			const events = pending;
			pending = [];
			setProgress(state => reduceEvents(state, events));
		};

		let streamEnded = false;
		const work = (async () => {
			try {
				for await (const event of engine.run(plan, controls, signal)) {
					if (pending.push(event) === 1) {
						setImmediate(flush);
					}
				}
			} catch (error_: unknown) {
				if (!signal.aborted) {
					setError(error_);
				}
			} finally {
				streamEnded = true;
				flush();
				signal.removeEventListener('abort', onAbort);
				setEnded(true);
			}
		})();
		lifecycle.track(work);
		// Leaving the screen while the engine still works stops it; an ended stream needs nothing.
		return () => {
			if (!streamEnded) {
				controller.abort();
			}
		};
	}, [engine, plan, lifecycle, controller]);

	return {
		progress,
		question: questions.current,
		answerBatch(decision) {
			if (decision === 'continue-all') {
				policy.current = 'continue-all';
			}

			questions.answerBatch(decision);
		},
		answerFailure: questions.answerFailure,
		stop() {
			policy.current = 'stop';
			questions.answerAll('pause', 'stop');
		},
		abort() {
			controller.abort();
		},
		ended,
		error,
	};
}
