import type {NodeReport} from '../inventory/node-report.ts';

const pid = (value: number | undefined) => (value === undefined ? 'none' : String(value));

/** A node's report in one line, for the rollout log and `status -o wide`. */
export function nodeReportText(report: NodeReport): string {
	const what = report.restarted ? `restarted, pid ${pid(report.runtimePidBefore)} -> ${pid(report.runtimePidAfter)}` : `not restarted, pid ${pid(report.runtimePidAfter)}`;
	const dropIn = report.dropInSha256 === undefined ? 'no drop-in' : `drop-in sha256 ${report.dropInSha256.slice(0, 12)}`;
	return `${report.unit} ${what}, ${dropIn}, ${report.seconds}s`;
}
