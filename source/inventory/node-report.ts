/**
 * The node's own account of a run of ours: the line the host script leaves
 * as its container's termination message, which the kubelet reports in the
 * pod's status. It is cluster data: only known keys with values in their
 * expected shape are taken; a line that is not one is no report at all.
 */
export type NodeReport = {
	readonly runtime: string;
	readonly unit: string;
	/** Of the drop-in as the node has it; undefined when it has none. */
	readonly dropInSha256?: string;
	/** Whether this run (or the one that handed a docker restart over) restarted the runtime. */
	readonly restarted: boolean;
	readonly runtimePidBefore?: number;
	readonly runtimePidAfter?: number;
	readonly seconds: number;
};

/** Written by report_result in the host scripts. */
export const reportPrefix = 'proxyinject-result:';

const maxLength = 1024;
const name = /^[a-z][a-z0-9-]{0,31}$/;
const unitName = /^[a-z][a-z0-9-]{0,63}\.service$/;
const sha256 = /^[0-9a-f]{64}$/;
const whole = /^\d{1,10}$/;

function optional(value: string | undefined, shape: RegExp): string | undefined | false {
	if (value === 'none') {
		return undefined;
	}

	return value !== undefined && shape.test(value) ? value : false;
}

export function parseNodeReport(message: string | undefined): NodeReport | undefined {
	const line = message?.split('\n', 1)[0];
	if (line === undefined || line.length > maxLength || !line.startsWith(`${reportPrefix} `)) {
		return undefined;
	}

	const fields = new Map<string, string>();
	for (const pair of line.slice(reportPrefix.length + 1).split(' ')) {
		const equals = pair.indexOf('=');
		if (equals > 0) {
			fields.set(pair.slice(0, equals), pair.slice(equals + 1));
		}
	}

	const runtime = fields.get('runtime');
	const unit = fields.get('unit');
	const restarted = fields.get('restarted');
	const seconds = fields.get('seconds');
	const dropIn = optional(fields.get('drop-in-sha256'), sha256);
	const before = optional(fields.get('runtime-pid-before'), whole);
	const after = optional(fields.get('runtime-pid-after'), whole);
	if (!runtime || !name.test(runtime) || !unit || !unitName.test(unit) || (restarted !== 'yes' && restarted !== 'no')
		|| !seconds || !whole.test(seconds) || dropIn === false || before === false || after === false) {
		return undefined;
	}

	return {
		runtime,
		unit,
		...(dropIn && {dropInSha256: dropIn}),
		restarted: restarted === 'yes',
		...(before && {runtimePidBefore: Number(before)}),
		...(after && {runtimePidAfter: Number(after)}),
		seconds: Number(seconds),
	};
}
