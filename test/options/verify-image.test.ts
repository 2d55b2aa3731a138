import {describe, expect, it} from 'vitest';
import {parseOptions} from '../../source/options/parse-options.ts';
import {planRollout} from '../../source/plan/plan-rollout.ts';
import {verifyLines} from '../../source/view/plain/format-plan.ts';
import {usageErrorOf} from './usage-error.ts';

const apply = ['apply', '--https-proxy', 'http://proxy.corp:3128'];

describe('--verify-image', () => {
	it('goes into the rollout options, and from there into an apply plan, which says what it does', () => {
		const options = parseOptions([...apply, '--verify-image', 'registry.corp.example/tools/hello:1']);
		expect(options.rollout.verifyImage).toBe('registry.corp.example/tools/hello:1');
		const plan = planRollout('apply', [], new Set(), options.rollout);
		expect(plan.verifyImage).toBe('registry.corp.example/tools/hello:1');
		expect(verifyLines(plan)).toEqual(['--verify-image: a node is done only once it has pulled registry.corp.example/tools/hello:1 (imagePullPolicy Always) with its new settings; a failed pull fails the node.']);
	});

	it('is absent by default, and the plan says nothing of it', () => {
		const options = parseOptions(apply);
		expect(options.rollout).not.toHaveProperty('verifyImage');
		expect(verifyLines(planRollout('apply', [], new Set(), options.rollout))).toEqual([]);
	});

	it('takes a digest too', () => {
		const image = 'registry.corp.example/hello@sha256:0a17678966f63e82e9c5e246d9e654836a33e13650a698adefede61bb5ca099e';
		expect(parseOptions([...apply, '--verify-image', image]).rollout.verifyImage).toBe(image);
	});

	it.each(['hello world', 'Registry/Upper', '-rf', 'a\u001b[2Jb'])('refuses %j (exit 2)', image => {
		expect(usageErrorOf(() => parseOptions([...apply, `--verify-image=${image}`])).message).toContain('not an image reference');
	});

	it('belongs to apply only', () => {
		expect(usageErrorOf(() => parseOptions(['remove', '--verify-image', 'hello:1'])).message).toBe('--verify-image does not apply to "remove"');
	});
});
