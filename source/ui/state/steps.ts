import type {Operation, RolloutPlan, Selection} from '../../plan/types.ts';

/** The screens of one session, and what each needs to be shown. */
export type Step =
	| {readonly screen: 'home'}
	| {readonly screen: 'select'; readonly operation: Operation; readonly selection: Selection}
	| {readonly screen: 'plan'; readonly operation: Operation; readonly selection: Selection}
	| {readonly screen: 'rollout'; readonly plan: RolloutPlan}
	| {readonly screen: 'error'; readonly error: unknown};

export type InitialScreen = 'home' | Operation;

/**
 * Nodes named on the command line (or `yes`) go straight to the plan;
 * otherwise the user picks them first.
 */
export function firstStep(screen: InitialScreen, selection: Selection, yes: boolean): Step {
	if (screen === 'home') {
		return {screen: 'home'};
	}

	const chosen = selection.nodes.length > 0 || (selection.selector ?? '') !== '';
	return chosen || yes ? {screen: 'plan', operation: screen, selection} : {screen: 'select', operation: screen, selection};
}
