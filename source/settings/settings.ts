import {UsageError} from '../errors.ts';
import {checkFlagValueLength, checkNoProxyLength} from './limits.ts';
import {maskCredentials} from './mask-credentials.ts';
import {defaultNoProxy, effectiveNoProxy, parseNoProxyList} from './no-proxy.ts';
import {parseProxyUrl} from './proxy-url.ts';
import {parseTrustedCa, type CaFileInput} from './trusted-ca.ts';
import type {ClusterFacts, ProxySettings} from './types.ts';

export {maskCredentials} from './mask-credentials.ts';
export {maskSettings, type MaskedSettings} from './masked-settings.ts';

export const settingsFlags = {
	httpProxy: '--http-proxy',
	httpsProxy: '--https-proxy',
	noProxy: '--no-proxy',
	noDefaultNoProxy: '--no-default-no-proxy',
} as const;

export type SettingsInput = {
	readonly httpProxy?: string;
	readonly httpsProxy?: string;
	readonly noProxy?: string;
	readonly noDefaultNoProxy: boolean;
	readonly requireProxy: boolean;
	/** --ca-file, as read. */
	readonly caFiles?: readonly CaFileInput[];
	/** When the CA certificates must be valid; now by default. */
	readonly now?: Date;
};

/**
 * Validated settings. When only --http-proxy is given it is used for HTTPS
 * too: registries are reached over HTTPS, so an HTTP-only proxy would leave
 * every image pull unproxied.
 */
export function buildSettings(input: SettingsInput, facts: ClusterFacts): ProxySettings {
	if (input.httpProxy !== undefined) checkFlagValueLength(settingsFlags.httpProxy, input.httpProxy, maskCredentials(input.httpProxy));
	if (input.httpsProxy !== undefined) checkFlagValueLength(settingsFlags.httpsProxy, input.httpsProxy, maskCredentials(input.httpsProxy));
	if (input.noProxy !== undefined) checkFlagValueLength(settingsFlags.noProxy, input.noProxy, input.noProxy);
	const httpProxy = input.httpProxy === undefined ? undefined : parseProxyUrl(settingsFlags.httpProxy, input.httpProxy);
	const httpsProxy = input.httpsProxy === undefined ? httpProxy : parseProxyUrl(settingsFlags.httpsProxy, input.httpsProxy);
	if (input.requireProxy && !httpProxy && !httpsProxy) {
		throw new UsageError(
			`No proxy given: pass ${settingsFlags.httpProxy} or ${settingsFlags.httpsProxy} (or both).`,
			`For example: ${settingsFlags.httpProxy}=http://proxy.example.com:3128`,
		);
	}

	const user = input.noProxy === undefined ? [] : parseNoProxyList(settingsFlags.noProxy, input.noProxy);
	const defaults = input.noDefaultNoProxy ? [] : defaultNoProxy(facts);
	const noProxy = effectiveNoProxy(defaults, user);
	checkNoProxyLength(settingsFlags.noProxy, noProxy, settingsFlags.noDefaultNoProxy);
	const trustedCa = parseTrustedCa(input.caFiles ?? [], input.now ?? new Date());
	return {
		...(httpProxy && {httpProxy}),
		...(httpsProxy && {httpsProxy}),
		noProxy,
		hasCredentials: Boolean(httpProxy?.username ?? httpsProxy?.username),
		...(!input.noDefaultNoProxy && facts.dropped?.length && {droppedNoProxy: facts.dropped}),
		...(trustedCa && {trustedCa}),
	};
}
