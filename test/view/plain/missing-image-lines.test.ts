import {describe, expect, it} from 'vitest';
import type {RolloutPlan} from '../../../source/plan/types.ts';
import {missingImageLines} from '../../../source/view/plain/missing-image-lines.ts';

const [script, pause] = ['mirror.example/script:1', 'mirror.example/pause:1'];

function plan(overrides: Partial<RolloutPlan>): RolloutPlan {
	return {operation: 'apply', mode: 'node-by-node', parallel: 1, timeoutMs: 1, batches: [], upToDate: [], skipped: [], disruptions: [], cluster: {nodes: [], pods: {}}, ...overrides};
}

describe('missingImageLines', () => {
	it('nothing when every node lists the images', () => {
		expect(missingImageLines(plan({}))).toEqual([]);
		expect(missingImageLines(plan({imagesMissing: []}))).toEqual([]);
	});

	it('one line per group, then what to do before the proxy is set', () => {
		expect(missingImageLines(plan({imagesMissing: [{images: [script, pause], nodes: ['a', 'b']}, {images: [pause], nodes: ['c']}]}))).toEqual([
			`Images not listed on 2 node(s) (${script}, ${pause}): a, b.`,
			`Images not listed on 1 node(s) (${pause}): c.`,
			'They must pull them: the --image one with their current settings, before the proxy is set, the --pause-image one through the proxy. Pass both from a registry those nodes reach, or pre-pull them. (A node lists only its 50 largest images: some may be there already.)',
		]);
	});

	it('names five nodes, then how many more', () => {
		const nodes = Array.from({length: 8}, (_, index) => `node-${index + 1}`);
		expect(missingImageLines(plan({imagesMissing: [{images: [script], nodes}]}))[0]).toBe(`Images not listed on 8 node(s) (${script}): node-1, node-2, node-3, node-4, node-5 and 3 more.`);
	});

	it('remove: the script image comes through the proxy the nodes still have, the pause image without it', () => {
		expect(missingImageLines(plan({operation: 'remove', imagesMissing: [{images: [script], nodes: ['a']}]})).at(-1)).toContain('the --image one through the proxy they still have, the --pause-image one once it is removed.');
	});
});
