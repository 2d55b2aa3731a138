import type {CaCertificate} from './trusted-ca.ts';
import type {ProxySettings} from './types.ts';

/** Settings without the password: for printing, `status` and settings.json. */
export type MaskedSettings = {
	readonly httpProxy?: string;
	readonly httpsProxy?: string;
	readonly noProxy: readonly string[];
	readonly hasCredentials: boolean;
	/** --ca-file: absent without one. */
	readonly trustedCa?: readonly CaCertificate[];
};

export function maskSettings(settings: ProxySettings): MaskedSettings {
	return {
		...(settings.httpProxy && {httpProxy: settings.httpProxy.masked}),
		...(settings.httpsProxy && {httpsProxy: settings.httpsProxy.masked}),
		noProxy: [...settings.noProxy],
		hasCredentials: settings.hasCredentials,
		...(settings.trustedCa && {trustedCa: settings.trustedCa.certificates}),
	};
}
