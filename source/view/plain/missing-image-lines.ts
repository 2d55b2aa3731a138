import type {RolloutPlan} from '../../plan/types.ts';

const shownNames = 5;

function someNames(nodes: readonly string[]): string {
	const shown = nodes.slice(0, shownNames).join(', ');
	return nodes.length > shownNames ? `${shown} and ${nodes.length - shownNames} more` : shown;
}

const advice = {
	apply: 'They pull them with their current settings, before the proxy is set: pass --image/--pause-image from a registry those nodes reach without it, or pre-pull them.',
	remove: 'They pull them with their current settings, before the proxy is removed: if that proxy no longer works, pass --image/--pause-image from a registry those nodes reach, or pre-pull them.',
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
