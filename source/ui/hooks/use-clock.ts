import {useEffect, useState} from 'react';

/**
 * The current time, refreshed every `intervalMs` while `running`: one timer
 * drives every spinner and elapsed time on a screen.
 */
export function useClock(intervalMs: number, running: boolean): number {
	const [now, setNow] = useState(() => Date.now());
	useEffect(() => {
		if (!running) {
			return;
		}

		const timer = setInterval(() => {
			setNow(Date.now());
		}, intervalMs);
		return () => {
			clearInterval(timer);
		};
	}, [intervalMs, running]);
	return now;
}
