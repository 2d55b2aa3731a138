import type {EngineEvent} from '../../engine/events.ts';
import {maskCredentials} from '../../settings/mask-credentials.ts';
import {formatEvent} from './format-event.ts';

export type Outcome = Extract<EngineEvent, {type: 'finished'}>['outcome'];

/** The non-TTY view: writes each event as it comes and returns how the run ended. */
export async function reportEvents(events: AsyncIterable<EngineEvent>, write: (line: string) => void): Promise<Outcome> {
	let batchCount = 0;
	let outcome: Outcome = 'interrupted';
	for await (const event of events) {
		if (event.type === 'plan') {
			batchCount = event.batches.length;
		}

		if (event.type === 'finished') {
			outcome = event.outcome;
		}

		for (const line of formatEvent(event, batchCount)) {
			write(maskCredentials(line));
		}
	}

	return outcome;
}
