import {describe, expect, it} from 'vitest';
import {type CompletionSources, completeWords, directives, formatCompletion, type KubeWords} from '../../source/completion/complete-words.ts';

/** Sources that answer from data and remember which kubeconfig and context they were asked about. */
function sources() {
	const asked: KubeWords[] = [];
	const given: CompletionSources = {
		async contexts(kube) {
			asked.push(kube);
			return ['prod', 'staging', 'kind-lab'];
		},
		async nodes(kube) {
			asked.push(kube);
			const nodes: {name: string; labels: Record<string, string>}[] = [
				{name: 'node-a', labels: {pool: 'build', 'kubernetes.io/os': 'linux'}},
				{name: 'node-b', labels: {pool: 'web', 'kubernetes.io/os': 'linux'}},
				{name: 'win-1', labels: {'kubernetes.io/os': 'windows'}},
			];
			return nodes;
		},
	};
	return {given, asked};
}

const values = async (words: string[], typing: string) => (await completeWords(words, typing, sources().given)).candidates.map(([value]) => value);

describe('completeWords', () => {
	it('offers the commands first, with what each does', async () => {
		const completion = await completeWords([], '', sources().given);
		expect(completion.candidates).toEqual([
			['status', 'every node and its proxy state'],
			['apply', 'write the proxy settings, node by node'],
			['remove', 'remove the settings and everything the plugin created'],
		]);
		expect(completion.directive).toBe(directives.noFileComp);
		expect(await values([], 'st')).toEqual(['status']);
	});

	it('offers nothing after the command: commands take no arguments', async () => {
		expect(await values(['status'], '')).toEqual([]);
	});

	it('offers the flags of the command being typed, never those of another command', async () => {
		const status = await values(['status'], '--');
		expect(status).toContain('--watch');
		expect(status).toContain('--nodes');
		expect(status).not.toContain('--https-proxy');
		const apply = await values(['apply'], '--');
		expect(apply).toContain('--https-proxy');
		expect(apply).not.toContain('--watch');
		expect(await values(['apply'], '--pa')).toEqual(['--parallel', '--pause-image']);
	});

	it('completes fixed values, after the flag or after =', async () => {
		expect(await values(['status', '-o'], '')).toEqual(['table', 'wide', 'json', 'yaml']);
		expect(await values(['apply', '--dry-run', '--output'], '')).toEqual(['yaml', 'json']);
		expect(await values(['status'], '--output=j')).toEqual(['--output=json']);
		expect(await values(['apply', '--rollout'], 'a')).toEqual(['all']);
	});

	it('completes contexts from the kubeconfig named on the line', async () => {
		const {given, asked} = sources();
		const completion = await completeWords(['--kubeconfig', '/tmp/kc', 'status', '--context'], 's', given);
		expect(completion.candidates.map(([value]) => value)).toEqual(['staging']);
		expect(asked).toEqual([{kubeconfig: '/tmp/kc'}]);
	});

	it('completes node names of the cluster the line names, one list item at a time, without a space after', async () => {
		const {given, asked} = sources();
		const completion = await completeWords(['--context=prod', 'apply', '--nodes'], 'node-a,', given);
		expect(completion.candidates.map(([value]) => value)).toEqual(['node-a,node-b', 'node-a,win-1']);
		expect(completion.directive).toBe(directives.noFileComp | directives.noSpace);
		expect(asked).toEqual([{context: 'prod'}]);
		expect(await values(['status', '--nodes'], 'w')).toEqual(['win-1']);
	});

	it('completes label keys for -l, then the values a key has', async () => {
		expect(await values(['status', '-l'], '')).toEqual(['kubernetes.io/os', 'pool']);
		expect(await values(['status', '-l'], '!po')).toEqual(['!pool']);
		expect(await values(['status', '-l'], 'pool=')).toEqual(['pool=build', 'pool=web']);
		expect(await values(['status', '--selector'], 'pool!=w')).toEqual(['pool!=web']);
		expect(await values(['status', '-l'], 'pool=build,kubernetes.io/os=w')).toEqual(['pool=build,kubernetes.io/os=windows']);
	});

	it('leaves file names to the shell for --kubeconfig and --proxy-env-file, and offers nothing for free text', async () => {
		expect(await completeWords(['--kubeconfig'], '', sources().given)).toEqual({candidates: [], directive: directives.default});
		expect(await completeWords(['apply', '--proxy-env-file'], './', sources().given)).toEqual({candidates: [], directive: directives.default});
		expect(await completeWords(['apply', '--https-proxy'], '', sources().given)).toEqual({candidates: [], directive: directives.noFileComp});
	});

	it('a boolean flag takes no value: the next word is completed as usual', async () => {
		expect(await values(['--yes'], 'ap')).toEqual(['apply']);
	});
});

describe('formatCompletion', () => {
	it('is kubectl\'s format: value, tab, description; the directive last', () => {
		expect(formatCompletion({candidates: [['status', 'every node'], ['apply']], directive: 4})).toBe('status\tevery node\napply\n:4\n');
	});

	it('leaves out a candidate that would put control characters or a space into the shell', () => {
		expect(formatCompletion({candidates: [['node\u001B[2Ja'], ['two words'], ['fine']], directive: 6})).toBe('fine\n:6\n');
	});
});
