import type {RolloutPlan} from '../../plan/types.ts';

const shownNames = 5;

function someNames(nodes: readonly string[]): string {
	const shown = nodes.slice(0, shownNames).join(', ');
	return nodes.length > shownNames ? `${shown} and ${nodes.length - shownNames} more` : shown;
}

// The script image is pulled before the script runs, the pause image after it: for apply the first without the proxy
// and the second through it, for remove the other way round.
const advice = {
	apply: 'They must pull them: the --image one with their current settings, before the proxy is set, the --pause-image one through the proxy. Pass both from a registry those nodes reach, or pre-pull them.',
	remove: 'They must pull them: the --image one through the proxy they still have, the --pause-image one once it is removed. Pass both from a registry those nodes reach, or pre-pull them.',
} as const;

/**
 * The nodes that do not list our images yet, and what to do about it. A
 * warning, not a refusal: a node lists only its 50 largest images (the
 * kubelet's default), so a small image may be there unlisted.
 */
export function missingImageLines(plan: RolloutPlan): string[] {
	const groups = plan.imagesMissing ?? [];
	if (groups.length === 0) {
		return [];
	}

	return [
		...groups.map(({images, nodes}) => `Images not listed on ${nodes.length} node(s) (${images.join(', ')}): ${someNames(nodes)}.`),
		`${advice[plan.operation]} (A node lists only its 50 largest images: some may be there already.)`,
	];
}
