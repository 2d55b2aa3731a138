import {describe, expect, it} from 'vitest';
import type {ProxyState} from '../../source/inventory/types.ts';
import {planRollout} from '../../source/plan/plan-rollout.ts';
import type {RolloutOptions} from '../../source/plan/types.ts';
import {nodeInfo} from '../inventory/node-info.ts';

const oneAtATime: RolloutOptions = {mode: 'node-by-node', parallel: 1, timeoutMs: 60_000};
const inState = (state: ProxyState, ...names: string[]) => names.map(name => nodeInfo(name, {state}));

describe('planRollout', () => {
	it('copies the operation and rollout options', () => {
		const plan = planRollout('remove', inState('unconfigured', 'a'), undefined, {mode: 'node-by-node', parallel: 3, timeoutMs: 1234});
		expect(plan).toMatchObject({operation: 'remove', mode: 'node-by-node', parallel: 3, timeoutMs: 1234});
	});

	it('releases one node per batch by default, in name order', () => {
		const plan = planRollout('apply', inState('unconfigured', 'c', 'a', 'b'), undefined, oneAtATime);
		expect(plan.batches).toEqual([['a'], ['b'], ['c']]);
	});

	it('batches by --parallel, the last batch holding the rest', () => {
		const nodes = inState('unconfigured', 'n1', 'n2', 'n3', 'n4', 'n5');
		expect(planRollout('apply', nodes, undefined, {...oneAtATime, parallel: 2}).batches).toEqual([['n1', 'n2'], ['n3', 'n4'], ['n5']]);
		expect(planRollout('apply', nodes, undefined, {...oneAtATime, parallel: 5}).batches).toEqual([['n1', 'n2', 'n3', 'n4', 'n5']]);
		expect(planRollout('apply', nodes, undefined, {...oneAtATime, parallel: 50}).batches).toEqual([['n1', 'n2', 'n3', 'n4', 'n5']]);
	});

	it('mode all puts every target in one batch, whatever --parallel says', () => {
		const plan = planRollout('apply', inState('stale', 'b', 'a', 'c'), undefined, {mode: 'all', parallel: 1, timeoutMs: 1});
		expect(plan.batches).toEqual([['a', 'b', 'c']]);
	});

	it('names the nodes it works on that do not list our images, and only those', () => {
		const images = ['mirror.example/script:1'];
		const nodes = [
			nodeInfo('a', {missingImages: images}),
			nodeInfo('b', {missingImages: []}),
			nodeInfo('done', {state: 'configured', missingImages: images}),
			nodeInfo('windows', {state: 'skipped', missingImages: images}),
			nodeInfo('other', {missingImages: images}),
		];
		expect(planRollout('apply', nodes, new Set(['a', 'b', 'done', 'windows']), oneAtATime).imagesMissing).toEqual([{images, nodes: ['a']}]);
		expect(planRollout('apply', nodes, new Set(['b']), oneAtATime)).not.toHaveProperty('imagesMissing');
	});

	it('has no batch when nothing needs work, in either mode', () => {
		const nodes = [...inState('configured', 'a'), ...inState('skipped', 'w')];
		expect(planRollout('apply', nodes, undefined, oneAtATime).batches).toEqual([]);
		expect(planRollout('apply', nodes, undefined, {...oneAtATime, mode: 'all'}).batches).toEqual([]);
		expect(planRollout('apply', [], undefined, {...oneAtATime, mode: 'all'}).batches).toEqual([]);
	});

	it('puts nodes already on their way (pending) first, each group by name', () => {
		const nodes = [...inState('unconfigured', 'a', 'z'), ...inState('pending', 'y', 'b'), ...inState('failed', 'c'), ...inState('held', 'd'), ...inState('stale', 'e')];
		const plan = planRollout('apply', nodes, undefined, {...oneAtATime, parallel: 2});
		expect(plan.batches.flat()).toEqual(['b', 'y', 'a', 'c', 'd', 'e', 'z']);
		expect(plan.batches).toEqual([['b', 'y'], ['a', 'c'], ['d', 'e'], ['z']]);
	});

	it('orders names by code point, so every run releases nodes in the same order', () => {
		const plan = planRollout('apply', inState('unconfigured', 'node-10', 'node-2', 'Node-1'), undefined, oneAtATime);
		expect(plan.batches.flat()).toEqual(['Node-1', 'node-10', 'node-2']);
	});

	it('works on stale, held, pending, failed and unconfigured nodes; not on configured or skipped ones', () => {
		const states: ProxyState[] = ['configured', 'stale', 'held', 'pending', 'failed', 'unconfigured', 'skipped'];
		const nodes = states.map(state => nodeInfo(state, {state, reason: state === 'skipped' ? 'windows node' : ''}));
		const plan = planRollout('apply', nodes, undefined, {...oneAtATime, mode: 'all'});
		expect(plan.batches).toEqual([['pending', 'failed', 'held', 'stale', 'unconfigured']]);
		expect(plan.upToDate).toEqual(['configured']);
		expect(plan.skipped).toEqual([{node: 'skipped', reason: 'windows node'}]);
	});

	it('lists up-to-date nodes sorted and skipped nodes with their reasons', () => {
		const nodes = [...inState('configured', 'z', 'a'), nodeInfo('win', {state: 'skipped', reason: 'windows node: no systemd runtime to configure'}), nodeInfo('odd', {state: 'skipped', reason: 'runtime "rkt" is not supported'})];
		const plan = planRollout('apply', nodes, undefined, oneAtATime);
		expect(plan.upToDate).toEqual(['a', 'z']);
		expect(plan.skipped).toEqual([
			{node: 'win', reason: 'windows node: no systemd runtime to configure'},
			{node: 'odd', reason: 'runtime "rkt" is not supported'},
		]);
	});

	it('considers only the targets when given', () => {
		const nodes = [...inState('unconfigured', 'a', 'b', 'c'), ...inState('configured', 'd', 'e'), nodeInfo('w', {state: 'skipped', reason: 'windows'})];
		const plan = planRollout('apply', nodes, new Set(['c', 'a', 'e', 'w', 'unknown']), oneAtATime);
		expect(plan.batches).toEqual([['a'], ['c']]);
		expect(plan.upToDate).toEqual(['e']);
		expect(plan.skipped).toEqual([{node: 'w', reason: 'windows'}]);
	});

	it('an empty target set means no node', () => {
		const plan = planRollout('apply', inState('unconfigured', 'a'), new Set(), oneAtATime);
		expect(plan.batches).toEqual([]);
		expect(plan.disruptions).toEqual([]);
	});

	it('lists the runtime restarts in release order with the pods each disrupts', () => {
		const nodes = [
			nodeInfo('docker-1', {runtime: 'docker', runtimeVersion: 'docker://20.10.7', podsDisrupted: 12, podsTotal: 12}),
			nodeInfo('crio-1', {runtime: 'cri-o', runtimeVersion: 'cri-o://1.30.0', podsDisrupted: 0, podsTotal: 4, state: 'pending'}),
			nodeInfo('containerd-1', {podsDisrupted: 2, podsTotal: 30, state: 'stale'}),
			nodeInfo('done', {podsDisrupted: 5, state: 'configured'}),
		];
		const plan = planRollout('apply', nodes, undefined, oneAtATime);
		expect(plan.disruptions).toEqual([
			{node: 'crio-1', runtime: 'cri-o', pods: 0},
			{node: 'containerd-1', runtime: 'containerd', pods: 2},
			{node: 'docker-1', runtime: 'docker', pods: 12},
		]);
	});

	it('does not change its input', () => {
		const nodes = inState('unconfigured', 'b', 'a');
		planRollout('apply', nodes, undefined, oneAtATime);
		expect(nodes.map(node => node.name)).toEqual(['b', 'a']);
	});
});

describe('the plan is data', () => {
	it('carries the cluster as it was read, so a run needs nothing but the plan; it survives a JSON round trip', () => {
		const nodes = [nodeInfo('a', {state: 'stale', labels: {pool: 'build'}}), nodeInfo('b', {state: 'configured'})];
		const plan = planRollout('apply', nodes, undefined, oneAtATime, {pods: {a: 'proxyinject-x1'}, installedHash: 'h1'});
		expect(plan.cluster).toEqual({nodes, pods: {a: 'proxyinject-x1'}, installedHash: 'h1'});
		expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
	});
});
