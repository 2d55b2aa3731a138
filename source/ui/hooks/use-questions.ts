import {useCallback, useRef, useState} from 'react';
import type {BatchDecision, FailureDecision} from '../../engine/controls.ts';
import type {NodeFailure} from '../../inventory/types.ts';

/** A question from the engine, waiting for a key. */
export type Question =
	| {readonly kind: 'batch'; readonly index: number; readonly nodes: readonly string[]; readonly resolve: (decision: BatchDecision) => void}
	| {readonly kind: 'failure'; readonly node: string; readonly failure: NodeFailure; readonly resolve: (decision: FailureDecision) => void};

export type Questions = {
	/** The question shown now; the others wait their turn. */
	readonly current?: Question;
	readonly askBatch: (index: number, nodes: readonly string[]) => Promise<BatchDecision>;
	readonly askFailure: (node: string, failure: NodeFailure) => Promise<FailureDecision>;
	readonly answerBatch: (decision: BatchDecision) => void;
	readonly answerFailure: (decision: FailureDecision) => void;
	/** Answers every open question at once, e.g. when the user stops the rollout. */
	readonly answerAll: (batch: BatchDecision, failure: FailureDecision) => void;
};

/**
 * The engine may ask several things at once (parallel nodes failing):
 * questions queue up and are shown one at a time.
 */
export function useQuestions(): Questions {
	const queue = useRef<Question[]>([]);
	const [current, setCurrent] = useState<Question>();

	const publish = useCallback(() => {
		setCurrent(queue.current[0]);
	}, []);

	const enqueue = useCallback((question: Question) => {
		queue.current.push(question);
		publish();
	}, [publish]);

	// Only the question on screen can be answered, and only by a decision of its kind.
	const settle = useCallback((answer: (question: Question) => boolean) => {
		const head = queue.current[0];
		if (head !== undefined && answer(head)) {
			queue.current.shift();
			publish();
		}
	}, [publish]);

	return {
		current,
		askBatch: useCallback(async (index: number, nodes: readonly string[]) => new Promise<BatchDecision>(resolve => {
			enqueue({kind: 'batch', index, nodes, resolve});
		}), [enqueue]),
		askFailure: useCallback(async (node: string, failure: NodeFailure) => new Promise<FailureDecision>(resolve => {
			enqueue({kind: 'failure', node, failure, resolve});
		}), [enqueue]),
		answerBatch: useCallback((decision: BatchDecision) => {
			settle(question => {
				if (question.kind !== 'batch') {
					return false;
				}

				question.resolve(decision);
				return true;
			});
		}, [settle]),
		answerFailure: useCallback((decision: FailureDecision) => {
			settle(question => {
				if (question.kind !== 'failure') {
					return false;
				}

				question.resolve(decision);
				return true;
			});
		}, [settle]),
		answerAll: useCallback((batch: BatchDecision, failure: FailureDecision) => {
			const open = queue.current.splice(0);
			for (const question of open) {
				if (question.kind === 'batch') {
					question.resolve(batch);
				} else {
					question.resolve(failure);
				}
			}

			publish();
		}, [publish]),
	};
}
