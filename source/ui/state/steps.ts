import type {Operation, RolloutPlan, Selection} from '../../plan/types.ts';

/** The screens of one session, and what each needs to be shown. */
export type Step =
	| {readonly screen: 'home'}
	| {readonly screen: 'select'; readonly operation: Operation; readonly selection: Selection}
	| {readonly screen: 'plan'; readonly operation: Operation; readonly selection: Selection}
	| {readonly screen: 'rollout'; readonly plan: RolloutPlan}
	| {readonly screen: 'error'; readonly error: unknown};

export type InitialScreen = 'home' | Operation;

/** Where choosing an operation on the home screen leads. */
export function chooseOperation(operation: Operation, selection: Selection): Step {
	return operation === 'remove' ? {screen: 'plan', operation, selection: {nodes: []}} : {screen: 'select', operation, selection};
}

/**
 * Nodes named on the command line (or `yes`) go straight to the plan;
 * otherwise the user picks them first. Remove works on every node, so
 * there is nothing to pick.
 */
export function firstStep(screen: InitialScreen, selection: Selection, yes: boolean): Step {
	if (screen === 'home') {
		return {screen: 'home'};
	}

	const chosen = selection.nodes.length > 0 || (selection.selector ?? '') !== '';
	return chosen || yes || screen === 'remove' ? {screen: 'plan', operation: screen, selection} : {screen: 'select', operation: screen, selection};
}
