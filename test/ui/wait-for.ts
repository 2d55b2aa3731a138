/**
 * Polls `probe` until it returns something other than undefined or false,
 * and fails with `what` (and the last state it saw) after the deadline.
 * Tests wait on what the screen shows, never on a fixed delay.
 */
export async function waitFor<T>(probe: () => T | undefined | false, what: () => string, timeoutMs = 4000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = probe();
		if (value !== undefined && value !== false) {
			return value;
		}

		if (Date.now() > deadline) {
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what()}`);
		}

		await new Promise(resolve => {
			setTimeout(resolve, 5);
		});
	}
}

export type FrameExpectation = string | RegExp | ((frame: string) => boolean);

function matches(frame: string, expected: FrameExpectation): boolean {
	if (typeof expected === 'string') {
		return frame.includes(expected);
	}

	return expected instanceof RegExp ? expected.test(frame) : expected(frame);
}

/** Waits until the current frame matches and returns it. */
export async function waitForFrame(frame: () => string, expected: FrameExpectation, timeoutMs?: number): Promise<string> {
	return waitFor(
		() => {
			const current = frame();
			return matches(current, expected) ? current : undefined;
		},
		() => `${String(expected)} in the frame:\n${frame()}`,
		timeoutMs,
	);
}
