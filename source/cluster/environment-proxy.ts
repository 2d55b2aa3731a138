import {BlockList, isIPv4, isIPv6} from 'node:net';

/**
 * The proxy kubectl would use for `server` from HTTPS_PROXY / HTTP_PROXY /
 * NO_PROXY, the way Go's net/http reads them: the upper-case name first,
 * HTTPS_PROXY for https:// servers and HTTP_PROXY for http:// ones, a value
 * without a scheme taken as http://, and localhost and loopback addresses
 * never proxied. The kubeconfig's proxy-url, when set, wins over all of this.
 */
export function environmentProxy(server: string, env: NodeJS.ProcessEnv): string | undefined {
	const url = new URL(server);
	const secure = url.protocol === 'https:';
	const proxy = (secure ? env['HTTPS_PROXY'] || env['https_proxy'] : env['HTTP_PROXY'] || env['http_proxy']) || undefined;
	if (proxy === undefined) {
		return undefined;
	}

	const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
	const port = url.port || (secure ? '443' : '80');
	if (host === 'localhost' || isLoopback(host) || bypassed(host, port, env['NO_PROXY'] || env['no_proxy'] || '')) {
		return undefined;
	}

	return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}

function isLoopback(host: string): boolean {
	return (isIPv4(host) && host.startsWith('127.')) || (isIPv6(host) && (host === '::1' || /^::ffff:127\./i.test(host)));
}

/** Go's NO_PROXY matching: `*`, IPs, CIDRs, and domains with an optional port. */
function bypassed(host: string, port: string, noProxy: string): boolean {
	const ipFamily = isIPv4(host) ? 'ipv4' : isIPv6(host) ? 'ipv6' : undefined;
	for (const raw of noProxy.split(',')) {
		const entry = raw.trim().toLowerCase();
		if (entry === '') {
			continue;
		}

		if (entry === '*') {
			return true;
		}

		if (entry.includes('/')) {
			const [address = '', prefix = ''] = entry.split('/');
			const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
			if (family && ipFamily === family && /^\d+$/.test(prefix)) {
				const list = new BlockList();
				list.addSubnet(address, Number(prefix), family);
				if (list.check(host, family)) {
					return true;
				}
			}

			continue;
		}

		const [entryHost, entryPort] = splitHostPort(entry);
		if (entryPort !== undefined && entryPort !== port) {
			continue;
		}

		if (isIPv4(entryHost) || isIPv6(entryHost)) {
			if (ipFamily && sameAddress(entryHost, host)) {
				return true;
			}

			continue;
		}

		// `example.com` matches it and its subdomains; `.example.com` and `*.example.com` only subdomains.
		const domain = entryHost.replace(/^\*/, '');
		if (domain.startsWith('.') ? host.endsWith(domain) : host === domain || host.endsWith(`.${domain}`)) {
			return true;
		}
	}

	return false;
}

function splitHostPort(entry: string): [string, string | undefined] {
	if (entry.startsWith('[')) {
		const close = entry.indexOf(']');
		return [entry.slice(1, close), entry.slice(close + 1).startsWith(':') ? entry.slice(close + 2) : undefined];
	}

	const colon = entry.lastIndexOf(':');
	return colon !== -1 && entry.indexOf(':') === colon ? [entry.slice(0, colon), entry.slice(colon + 1)] : [entry, undefined];
}

function sameAddress(a: string, b: string): boolean {
	if (isIPv4(a) !== isIPv4(b)) {
		return false;
	}

	const list = new BlockList();
	list.addAddress(a, isIPv4(a) ? 'ipv4' : 'ipv6');
	return list.check(b, isIPv4(b) ? 'ipv4' : 'ipv6');
}
