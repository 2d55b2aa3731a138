import type {EngineEvent} from '../../engine/events.ts';
import {nodeReportText} from '../node-report-text.ts';
import {printable} from '../printable.ts';

function clock(at: number): string {
	return new Date(at).toISOString().slice(11, 19);
}

function names(list: readonly string[], limit = 10): string {
	return list.length <= limit ? list.join(', ') : `${list.slice(0, limit).join(', ')} and ${list.length - limit} more`;
}

/**
 * One event as the lines a log or CI job shows: timestamped, no colour, no
 * redraws. Node names, reasons, log lines and warnings come from the cluster.
 */
export function formatEvent(event: EngineEvent, batchCount: number): string[] {
	return eventLines(event, batchCount).map(line => printable(line));
}

function eventLines(event: EngineEvent, batchCount: number): string[] {
	const time = clock(event.at);
	switch (event.type) {
		case 'plan': {
			const targets = event.batches.flat().length;
			const lines = [
				`${time} plan: ${event.operation} ${targets} node(s), ${event.mode}${event.mode === 'node-by-node' ? `, ${event.parallel} at a time (${event.batches.length} batches)` : ''}; ${event.upToDate.length} already up to date`,
			];
			for (const {node, reason} of event.skipped) {
				lines.push(`${time} skipped ${node}: ${reason}`);
			}

			return lines;
		}

		case 'object-applied': {
			return [`${time} ${event.kind} ${event.name} ${event.action}`];
		}

		case 'batch-started': {
			return [`${time} batch ${event.index + 1}/${batchCount}: ${names(event.nodes)}`];
		}

		case 'node-phase': {
			// Every node starts held; saying so for each would drown the log on large clusters.
			return event.phase === 'held' ? [] : [`${time} ${event.node}: ${event.phase}`];
		}

		case 'node-report': {
			return [`${time} ${event.node}: ${nodeReportText(event.report)}`];
		}

		case 'node-failed': {
			const code = event.failure.exitCode === undefined ? '' : ` (exit code ${event.failure.exitCode})`;
			return [`${time} ${event.node}: FAILED${code}: ${event.failure.reason}`, ...event.failure.logTail.map(line => `${time}   | ${line}`)];
		}

		case 'batch-finished': {
			return [];
		}

		case 'finished': {
			return formatSummary(event);
		}
	}
}

function formatSummary(event: Extract<EngineEvent, {type: 'finished'}>): string[] {
	const headline: Record<typeof event.outcome, string> = {
		done: 'done',
		failed: 'FAILED',
		interrupted: 'interrupted',
		'nothing-to-do': 'nothing to do: every target node already has these settings',
	};
	const lines = [`${clock(event.at)} ${headline[event.outcome]}: ${event.done.length} done, ${event.failed.length} failed, ${event.inFlight.length + event.held.length} not finished, ${event.skipped.length} skipped`];
	if (event.failed.length > 0) {
		lines.push(`  failed: ${names(event.failed)}`);
	}

	if (event.inFlight.length > 0) {
		lines.push(`  not finished (released, may still be restarting its runtime): ${names(event.inFlight)}`);
	}

	if (event.held.length > 0) {
		lines.push(`  not finished (held back, untouched): ${names(event.held)}`);
	}

	if (event.next) {
		lines.push(`  next: ${event.next}`);
	}

	return lines;
}
