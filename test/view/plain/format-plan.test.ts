import {describe, expect, it} from 'vitest';
import type {SessionInfo} from '../../../source/engine/engine.ts';
import type {RolloutPlan} from '../../../source/plan/types.ts';
import {formatPlan} from '../../../source/view/plain/format-plan.ts';

const session: SessionInfo = {
	context: 'prod',
	server: 'https://api.example:6443',
	namespace: 'kube-system',
	httpProxy: 'http://user:***@proxy:3128',
	httpsProxy: 'http://user:***@proxy:3128',
	noProxy: ['localhost', '127.0.0.1', '.svc', '.cluster.local'],
};

function plan(overrides: Partial<RolloutPlan> = {}): RolloutPlan {
	return {operation: 'apply', mode: 'node-by-node', parallel: 1, timeoutMs: 300_000, batches: [['a'], ['b']], upToDate: ['c'], skipped: [], disruptions: [], ...overrides};
}

describe('formatPlan', () => {
	it('apply: cluster, the three variables, then what happens', () => {
		expect(formatPlan(plan(), session)).toEqual([
			'Cluster: https://api.example:6443 (context prod), namespace kube-system',
			'HTTP_PROXY=http://user:***@proxy:3128',
			'HTTPS_PROXY=http://user:***@proxy:3128',
			'NO_PROXY=localhost,127.0.0.1,.svc,.cluster.local',
			'Will configure 2 node(s), node by node, 1 at a time; 1 already up to date; 0 skipped.',
		]);
	});

	it('apply with --ca-file: each trusted CA after NO_PROXY, by subject and expiry', () => {
		const lines = formatPlan(plan(), {...session, trustedCa: ['O=Example Corp, CN=Example Proxy CA (expires 2125-01-01)']});
		expect(lines[4]).toBe('Trusted CA (besides the system roots): O=Example Corp, CN=Example Proxy CA (expires 2125-01-01)');
	});

	it('apply without an HTTP proxy says it is not set', () => {
		const lines = formatPlan(plan(), {...session, httpProxy: undefined});
		expect(lines[1]).toBe('HTTP_PROXY=(not set)');
		expect(lines[2]).toBe('HTTPS_PROXY=http://user:***@proxy:3128');
	});

	it('remove: no proxy variables, and its own verb', () => {
		expect(formatPlan(plan({operation: 'remove', mode: 'all', batches: [['a', 'b', 'c']], upToDate: []}), {...session, httpProxy: undefined, httpsProxy: undefined, noProxy: []})).toEqual([
			'Cluster: https://api.example:6443 (context prod), namespace kube-system',
			'Will remove the proxy from 3 node(s), all at once; 0 already up to date; 0 skipped.',
		]);
	});

	it('lists each runtime restart with the pods it disrupts and the total', () => {
		const lines = formatPlan(plan({disruptions: [{node: 'a', runtime: 'docker', pods: 12}, {node: 'b', runtime: 'containerd', pods: 2}, {node: 'c', runtime: 'cri-o', pods: 0}]}), session);
		expect(lines.slice(5)).toEqual([
			'Runtime restarts (pods disrupted, 14 in total):',
			'  a  docker  12 pod(s)  (restarting docker stops its containers)',
			'  b  containerd  2 pod(s)  (pods starting at that moment may fail)',
			'  c  cri-o  0 pod(s)  (pods starting at that moment may fail)',
			'Recommended: --drain. Restarting docker stops every container on 1 node(s) (unless live-restore is on); --drain moves their pods away first.',
		]);
	});

	it('shows at most 20 restarts and counts the rest', () => {
		const disruptions = Array.from({length: 25}, (_, index) => ({node: `n${index}`, runtime: 'containerd' as const, pods: 1}));
		const lines = formatPlan(plan({disruptions}), session);
		expect(lines.filter(line => line.startsWith('  n'))).toHaveLength(20);
		expect(lines).toContain('Runtime restarts (pods disrupted, 25 in total):');
		expect(lines.at(-1)).toBe('  ... and 5 more nodes');
	});

	it('lists skipped nodes with their reasons, at most 20', () => {
		const skipped = Array.from({length: 22}, (_, index) => ({node: `w${index}`, reason: 'windows node'}));
		const lines = formatPlan(plan({skipped}), session);
		expect(lines).toContain('Will configure 2 node(s), node by node, 1 at a time; 1 already up to date; 22 skipped.');
		expect(lines.filter(line => line.startsWith('  skipped '))).toHaveLength(20);
		expect(lines).toContain('  skipped w0: windows node');
	});

	it('says how many nodes go at once', () => {
		expect(formatPlan(plan({parallel: 5}), session).at(-1)).toContain('node by node, 5 at a time');
	});

	it('spells out control characters in skip reasons that carry a node\'s runtime text', () => {
		const lines = formatPlan(plan({skipped: [{node: 'evil', reason: 'runtime "\u001B]52;c;aGk=\u0007" is not supported'}]}), session);
		expect(lines.join('\n')).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/u);
		expect(lines.at(-1)).toBe('  skipped evil: runtime "\\x1b]52;c;aGk=\\x07" is not supported');
	});

	it('apply: names each cluster value left out of NO_PROXY', () => {
		const lines = formatPlan(plan(), {...session, noProxyDropped: ['node evil: InternalIP "*" left out of NO_PROXY (\'*\' alone would bypass the proxy for everything)']});
		expect(lines[4]).toBe('warning: node evil: InternalIP "*" left out of NO_PROXY (\'*\' alone would bypass the proxy for everything)');
	});
});

describe('formatPlan: images the nodes do not list', () => {
	it('are warnings, after what the rollout does', () => {
		const lines = formatPlan(plan({imagesMissing: [{images: ['mirror.example/script:1'], nodes: ['a', 'b']}]}), session);
		expect(lines.slice(-2)).toEqual([
			'warning: Images not listed on 2 node(s) (mirror.example/script:1): a, b.',
			expect.stringMatching(/^warning: They must pull them: the --image one with their current settings, before the proxy is set/),
		]);
	});
});

describe('formatPlan: --drain', () => {
	it('recommends --drain where a docker restart stops running pods', () => {
		const lines = formatPlan(plan({disruptions: [{node: 'a', runtime: 'docker', pods: 12}, {node: 'b', runtime: 'containerd', pods: 2}]}), session);
		expect(lines.at(-1)).toBe('Recommended: --drain. Restarting docker stops every container on 1 node(s) (unless live-restore is on); --drain moves their pods away first.');
	});

	it('says what --drain does when it is on, and recommends nothing', () => {
		const lines = formatPlan(plan({drainTimeoutMs: 120_000, disruptions: [{node: 'a', runtime: 'docker', pods: 12}]}), session);
		expect(lines.at(-1)).toBe('--drain: cordon and drain each node first (budgets respected, at most 120s); uncordon it when done.');
		expect(lines.join('\n')).not.toContain('Recommended');
	});

	it('recommends nothing for containerd, or a docker node without pods', () => {
		expect(formatPlan(plan({disruptions: [{node: 'a', runtime: 'docker', pods: 0}, {node: 'b', runtime: 'containerd', pods: 5}]}), session).join('\n')).not.toContain('--drain');
	});
});
