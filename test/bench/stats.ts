// Summaries of repeated measurements. Pure: samples in, figures out.

export type Summary = {
	readonly n: number;
	readonly median: number;
	readonly min: number;
	readonly max: number;
};

export function median(values: readonly number[]): number {
	if (values.length === 0) {
		return Number.NaN;
	}

	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function summarize(values: readonly number[]): Summary {
	return {
		n: values.length,
		median: median(values),
		min: values.length === 0 ? Number.NaN : Math.min(...values),
		max: values.length === 0 ? Number.NaN : Math.max(...values),
	};
}

/** How many times `subject` takes what `baseline` takes, by medians (NaN when either is missing). */
export function ratio(subject: Summary | undefined, baseline: Summary | undefined): number {
	if (subject === undefined || baseline === undefined || !(baseline.median > 0)) {
		return Number.NaN;
	}

	return subject.median / baseline.median;
}

/** Paired differences `later[i] - earlier[i]`, for the indices both have. */
export function gaps(earlier: readonly (number | undefined)[], later: readonly (number | undefined)[]): number[] {
	const result: number[] = [];
	for (let index = 0; index < Math.min(earlier.length, later.length); index++) {
		const from = earlier[index];
		const to = later[index];
		if (from !== undefined && to !== undefined) {
			result.push(to - from);
		}
	}

	return result;
}
