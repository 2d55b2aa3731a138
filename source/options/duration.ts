import {UsageError} from '../errors.ts';

const units: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000};

/** Parses a kubectl-style duration (`90s`, `5m`, `1h30m`) into milliseconds. */
export function parseDuration(flag: string, value: string): number {
	const parts = [...value.matchAll(/(\d+)(ms|s|m|h)/g)];
	const matched = parts.map(part => part[0]).join('');
	if (parts.length === 0 || matched !== value) {
		throw new UsageError(`${flag}: "${value}" is not a duration`, `Use a number with a unit, e.g. ${flag} 90s or ${flag} 5m.`);
	}

	const total = parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * units[unit!]!, 0);
	if (total <= 0) {
		throw new UsageError(`${flag}: "${value}" must be longer than zero`, `e.g. ${flag} 5m`);
	}

	return total;
}
