import {UsageError} from '../errors.ts';
import {flagError} from './flag-error.ts';

// The kernel refuses an environment string over MAX_ARG_STRLEN (128 KiB):
// a runtime whose NO_PROXY is longer cannot start at all. Each value gets a
// quarter of that, the drop-in (six values) stays far below the usual 2 MiB
// for all of a process's arguments and environment and systemd's 1 MiB line
// limit. inject.sh checks the same numbers on the node.

/** Longest value of one proxy variable, in bytes (all values are ASCII). */
export const maxValueBytes = 32 * 1024;
/** Longest drop-in the node accepts, in bytes. */
export const maxDropInBytes = 256 * 1024;
/** Largest CA bundle (--ca-file) the node accepts, in bytes: dozens of CAs, never a whole system bundle. */
export const maxCaBundleBytes = 128 * 1024;

/** A flag value that would be written into a variable over the limit: exit 2. */
export function checkFlagValueLength(flag: string, value: string, shownValue: string): void {
	if (value.length > maxValueBytes) {
		throw flagError({
			flag,
			shownValue,
			problem: `is ${value.length} bytes long, over the limit of ${maxValueBytes} bytes for one variable`,
			hint: `The kernel refuses environment strings over 128 KiB and a runtime with one cannot start; ${flag} must stay under ${maxValueBytes} bytes.`,
		});
	}
}

/** NO_PROXY as written (user entries and the defaults computed from the cluster). */
export function checkNoProxyLength(flag: string, noProxy: readonly string[], defaultsFlag: string): void {
	const length = noProxy.join(',').length;
	if (length > maxValueBytes) {
		throw new UsageError(
			`The effective NO_PROXY (the defaults computed from the cluster and ${flag}) is ${length} bytes long, over the limit of ${maxValueBytes} bytes for one variable.`,
			`Shorten ${flag} (CIDRs cover many addresses), or pass ${defaultsFlag} and list only what the nodes need; the kernel refuses environment strings over 128 KiB, and a runtime with one cannot start.`,
		);
	}
}
