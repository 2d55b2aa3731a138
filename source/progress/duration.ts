/** `850ms` -> `0s`, `75_000` -> `1m 15s`, `3_900_000` -> `1h 05m`. */
export function formatDuration(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 60) {
		return `${seconds}s`;
	}

	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) {
		return `${minutes}m ${pad(seconds % 60)}s`;
	}

	return `${Math.floor(minutes / 60)}h ${pad(minutes % 60)}m`;
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}
