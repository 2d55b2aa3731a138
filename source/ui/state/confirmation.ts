export type ConfirmationCheck = 'confirmed' | 'empty' | 'wrong';

/**
 * A disruptive rollout goes ahead only on the typed number of nodes it
 * restarts, or `yes`: a stray Enter or a stale number never confirms.
 */
export function checkConfirmation(typed: string, nodeCount: number): ConfirmationCheck {
	const answer = typed.trim().toLowerCase();
	if (answer === '') {
		return 'empty';
	}

	return answer === 'yes' || answer === String(nodeCount) ? 'confirmed' : 'wrong';
}
