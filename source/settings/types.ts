import type {DroppedEntry} from './cluster-entries.ts';
import type {TrustedCa} from './trusted-ca.ts';

/** A validated proxy URL. `text` is what goes into the environment. */
export type ProxyUrl = {
	readonly scheme: 'http' | 'https';
	/** Host name, IPv4 address, or IPv6 address in brackets. */
	readonly host: string;
	readonly port: number;
	/** Percent-encoded as given; absent when the URL has no credentials. */
	readonly username?: string;
	readonly password?: string;
	/** The full URL, credentials included: only ever written to the Secret. */
	readonly text: string;
	/** The URL with the password replaced by `***`: safe to print. */
	readonly masked: string;
};

/** Facts about the cluster that the NO_PROXY defaults are computed from. */
export type ClusterFacts = {
	/** Host of the API server URL from the kubeconfig. */
	readonly apiServerHost?: string;
	readonly clusterDomain: string;
	readonly podCidrs: readonly string[];
	readonly serviceCidrs: readonly string[];
	readonly nodeInternalIps: readonly string[];
	/** Values the cluster reported that failed the NO_PROXY entry check. */
	readonly dropped?: readonly DroppedEntry[];
};

export type ProxySettings = {
	readonly httpProxy?: ProxyUrl;
	readonly httpsProxy?: ProxyUrl;
	/** The effective list, in order, duplicates removed. */
	readonly noProxy: readonly string[];
	readonly hasCredentials: boolean;
	/** Cluster values left out of NO_PROXY; the plan names each one. */
	readonly droppedNoProxy?: readonly DroppedEntry[];
	/** --ca-file: CAs the runtime trusts besides the system roots (a TLS-intercepting proxy's). */
	readonly trustedCa?: TrustedCa;
};
