import type {NodePhase} from '../../inventory/types.ts';
import type {Operation, RolloutMode} from '../../plan/types.ts';

export const phaseLabels: Record<NodePhase, string> = {
	held: 'held',
	draining: 'cordoned, evicting its pods',
	released: 'released, waiting for its pod',
	pulling: 'pulling the image',
	running: 'running the host script',
	verifying: 'pulling the --verify-image image',
	done: 'done',
	failed: 'failed',
	skipped: 'skipped',
};

export function operationTitle(operation: Operation): string {
	return operation === 'apply' ? 'Apply the proxy' : 'Remove the proxy';
}

export function modeLabel(mode: RolloutMode, parallel: number): string {
	return mode === 'all' ? 'all nodes at once' : `node by node, ${parallel} at a time`;
}

export function plural(count: number, word: string, words = `${word}s`): string {
	return `${count} ${count === 1 ? word : words}`;
}
