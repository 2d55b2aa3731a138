/** The closest candidate within a small edit distance, for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
	// A name cut short (`--ver`) means the one it starts, though a shorter name
	// may be fewer edits away (`--yes`, which is the last thing to suggest by mistake).
	// Of several it starts (`--ver`: --version, --verify-image), the shortest is the likelier one.
	if (word.replace(/^-+/, '').length >= 2) {
		const completion = candidates.filter(candidate => candidate.startsWith(word)).sort((a, b) => a.length - b.length)[0];
		if (completion !== undefined) {
			return completion;
		}
	}

	let best: string | undefined;
	let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
	for (const candidate of candidates) {
		const distance = editDistance(word, candidate);
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}

	return best;
}

function editDistance(a: string, b: string): number {
	let previous = Array.from({length: b.length + 1}, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
			current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
		}

		previous = current;
	}

	return previous[b.length]!;
}
