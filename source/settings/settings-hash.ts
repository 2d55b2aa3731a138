import {createHash, createHmac} from 'node:crypto';
import {renderDropIn} from './drop-in.ts';
import type {ProxySettings} from './types.ts';

/**
 * Identifies what a node was configured with; it goes on the pod template,
 * so a change of any value (the password included) rolls the pods.
 * With a `key` (kept in the Secret) it is an HMAC: the hash is readable by
 * anyone who can read DaemonSets, and a plain hash of a drop-in whose other
 * values are public lets them test password guesses offline.
 */
export function settingsHash(settings: ProxySettings, key?: string, scriptSums?: string): string {
	// The scripts that apply the drop-in are part of what a node runs with.
	const content = scriptSums === undefined ? renderDropIn(settings) : `${renderDropIn(settings)}\n${scriptSums}`;
	const digest = key === undefined ? createHash('sha256') : createHmac('sha256', key);
	return digest.update(content).digest('hex').slice(0, 16);
}
