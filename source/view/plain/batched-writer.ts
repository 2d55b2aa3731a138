/**
 * Collects lines and writes them once per turn of the event loop: a pipe or
 * file is written synchronously, so one write per line costs a system call
 * each, which adds up to seconds on a rollout of thousands of nodes.
 */
export function batchedWriter(write: (text: string) => void) {
	let pending: string[] = [];
	let scheduled = false;
	const flush = () => {
		scheduled = false;
		if (pending.length > 0) {
			const text = pending.join('');
			pending = [];
			write(text);
		}
	};

	return {
		line(text: string) {
			pending.push(`${text}\n`);
			if (!scheduled) {
				scheduled = true;
				setImmediate(flush);
			}
		},
		flush,
	};
}
