import {type Action, initialRollout, type Observation, type RolloutState, stepRollout} from '../../source/engine/rollout-machine.ts';

/** Feeds observations to the rollout machine one by one; returns the final state and every action asked for, in order. */
export function drive(plan: RolloutState['plan'], observations: readonly Observation[], from?: RolloutState, leftovers: readonly string[] = []): {state: RolloutState; actions: Action[]} {
	let state = from ?? initialRollout(plan, leftovers);
	const actions: Action[] = [];
	for (const observation of observations) {
		const step = stepRollout(state, observation);
		state = step.state;
		actions.push(...step.actions);
	}

	return {state, actions};
}

export const start: Observation = {type: 'start', at: 0};
