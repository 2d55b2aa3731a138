import type {EngineEvent} from '../../source/engine/events.ts';

/** A small rollout of two batches (a, b then c) with one skipped Windows node. */
export const planEvent: EngineEvent = {
	type: 'plan',
	at: 1000,
	operation: 'apply',
	mode: 'node-by-node',
	parallel: 2,
	batches: [['a', 'b'], ['c']],
	upToDate: ['d'],
	skipped: [{node: 'win', reason: 'windows node'}],
};

export function phase(node: string, phase: Extract<EngineEvent, {type: 'node-phase'}>['phase'], at: number): EngineEvent {
	return {type: 'node-phase', at, node, phase};
}
