import {expect, test} from 'vitest';
import {terminatedWatchers, watcherTerminations} from './apiserver-metrics.ts';

const metrics = `# HELP apiserver_terminated_watchers_total [STABLE] Counter of watchers closed due to unresponsiveness broken by resource type.
# TYPE apiserver_terminated_watchers_total counter
apiserver_terminated_watchers_total{group="",resource="nodes"} 20
apiserver_terminated_watchers_total{group="",resource="pods"} 27
apiserver_terminated_watchers_total{group="apps",resource="daemonsets"} 1
apiserver_watch_events_total{group="",resource="pods"} 98440
`;

test('reads the terminated watchers by resource and nothing else', () => {
	expect(terminatedWatchers(metrics)).toEqual(new Map([['nodes', 20], ['pods', 27], ['daemonsets', 1]]));
});

test('reports only what grew between two readings', () => {
	const before = terminatedWatchers(metrics);
	const after = new Map(before).set('pods', 30).set('leases', 2);
	expect(watcherTerminations(before, after)).toEqual({pods: 3, leases: 2});
});
