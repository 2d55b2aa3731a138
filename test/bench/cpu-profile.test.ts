import {expect, test} from 'vitest';
import {type CpuProfile, placeOf, summarizeProfile} from './cpu-profile.ts';

test('a frame is placed in its package, our file, Node, or the VM', () => {
	expect(placeOf('file:///repo/node_modules/@kubernetes/client-node/dist/watch.js', 'x')).toBe('@kubernetes/client-node');
	expect(placeOf('file:///repo/node_modules/ink/build/ink.js', 'x')).toBe('ink');
	expect(placeOf('file:///repo/dist/engine/run-batches.js', 'runBatches')).toBe('dist/engine/run-batches.js');
	expect(placeOf('node:internal/modules/esm/utils', 'compile')).toBe('node internals');
	expect(placeOf('', '(garbage collector)')).toBe('(garbage collector)');
	expect(placeOf('', 'writeUtf8String')).toBe('(native) writeUtf8String');
});

test('self time adds up per place and per function, idle left out', () => {
	const profile: CpuProfile = {
		nodes: [
			{id: 1, callFrame: {functionName: '(idle)', url: '', lineNumber: -1}},
			{id: 2, callFrame: {functionName: 'runBatches', url: 'file:///r/dist/engine/run-batches.js', lineNumber: 4}},
			{id: 3, callFrame: {functionName: 'deserialize', url: 'file:///r/node_modules/@kubernetes/client-node/dist/x.js', lineNumber: 9}},
		],
		samples: [1, 2, 2, 3, 1],
		timeDeltas: [1000, 2000, 2000, 3000, 5000],
		startTime: 0,
		endTime: 13_000,
	};
	const summary = summarizeProfile(profile);
	expect(summary.wallMs).toBe(13);
	expect(summary.busyMs).toBe(7);
	expect(summary.byPlace).toEqual([['dist/engine/run-batches.js', 4], ['@kubernetes/client-node', 3]]);
	expect(summary.byFunction[0]).toEqual(['runBatches dist/engine/run-batches.js:5', 4]);
});
