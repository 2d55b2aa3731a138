export type RowWindow = {
	/** First visible row. */
	readonly start: number;
	/** One past the last visible row. */
	readonly end: number;
};

/**
 * Which rows of a long list fit in `height` lines with the cursor row among
 * them, kept near the middle so there is context on both sides.
 */
export function visibleWindow(total: number, cursor: number, height: number): RowWindow {
	const size = Math.max(0, Math.min(total, Math.floor(height)));
	if (size === 0) {
		return {start: 0, end: 0};
	}

	const focused = Math.min(Math.max(cursor, 0), total - 1);
	const start = Math.min(Math.max(focused - Math.floor(size / 2), 0), total - size);
	return {start, end: start + size};
}
