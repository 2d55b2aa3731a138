// Where a V8 CPU profile (`node --cpu-prof`) spent its samples: self time by
// package or file, and by function. Pure: the profile's JSON in, tables out.

export type CpuProfile = {
	readonly nodes: ReadonlyArray<{
		readonly id: number;
		readonly callFrame: {readonly functionName: string; readonly url: string; readonly lineNumber: number};
	}>;
	readonly samples: readonly number[];
	readonly timeDeltas: readonly number[];
	readonly startTime: number;
	readonly endTime: number;
};

export type ProfileSummary = {
	readonly wallMs: number;
	/** Sampled time not spent waiting (idle excluded). */
	readonly busyMs: number;
	readonly byPlace: readonly (readonly [string, number])[];
	readonly byFunction: readonly (readonly [string, number])[];
};

const vmEntries = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** A package name, a file of ours, Node's internals, or the VM's own entries. */
export function placeOf(url: string, functionName: string): string {
	if (url === '') {
		return vmEntries.has(functionName) ? functionName : `(native) ${functionName}`;
	}

	const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (inPackage) {
		return inPackage[1]!;
	}

	if (url.startsWith('node:')) {
		return 'node internals';
	}

	const ours = /\/(dist|source|test)\/(.*)$/.exec(url);
	return ours ? `${ours[1]}/${ours[2]}` : url.split('/').at(-1) ?? url;
}

function top(map: Map<string, number>, count: number): (readonly [string, number])[] {
	return [...map].sort((a, b) => b[1] - a[1]).slice(0, count);
}

export function summarizeProfile(profile: CpuProfile, count = 12): ProfileSummary {
	const nodes = new Map(profile.nodes.map(node => [node.id, node]));
	const byPlace = new Map<string, number>();
	const byFunction = new Map<string, number>();
	let busyMs = 0;
	for (const [index, id] of profile.samples.entries()) {
		const node = nodes.get(id);
		if (!node) {
			continue;
		}

		const ms = (profile.timeDeltas[index] ?? 0) / 1000;
		const {functionName, url, lineNumber} = node.callFrame;
		if (functionName === '(idle)') {
			continue;
		}

		busyMs += ms;
		const place = placeOf(url, functionName);
		byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
		const where = url === '' ? place : `${functionName || '(anonymous)'} ${place}:${lineNumber + 1}`;
		byFunction.set(where, (byFunction.get(where) ?? 0) + ms);
	}

	return {wallMs: (profile.endTime - profile.startTime) / 1000, busyMs, byPlace: top(byPlace, count), byFunction: top(byFunction, count)};
}
