import {maxDropInBytes, maxValueBytes} from './limits.ts';
import {sslCertDir} from './trusted-ca.ts';
import type {ProxySettings} from './types.ts';

/** The host scripts recognise a drop-in of ours by this first line. */
export const dropInMarker = '# Managed by kubectl-proxyinject. Do not edit: changes are overwritten.';

/**
 * The systemd drop-in for the runtime's unit. Each assignment is one quoted
 * word; `%` is doubled because systemd expands specifiers (`%n`, `%h`) in
 * Environment= values, and percent-encoded passwords are full of `%`.
 */
export function renderDropIn(settings: ProxySettings): string {
	const variables: Array<[string, string]> = [];
	if (settings.httpProxy) {
		variables.push(['HTTP_PROXY', settings.httpProxy.text], ['http_proxy', settings.httpProxy.text]);
	}

	if (settings.httpsProxy) {
		variables.push(['HTTPS_PROXY', settings.httpsProxy.text], ['https_proxy', settings.httpsProxy.text]);
	}

	if (settings.noProxy.length > 0) {
		const noProxy = settings.noProxy.join(',');
		variables.push(['NO_PROXY', noProxy], ['no_proxy', noProxy]);
	}

	// Go (containerd, dockerd, cri-o) reads this folder list instead of its
	// defaults: the system roots stay trusted, the proxy's CA is added.
	if (settings.trustedCa) {
		variables.push(['SSL_CERT_DIR', sslCertDir(settings.trustedCa)]);
	}

	const lines = variables.map(([name, value]) => `Environment="${name}=${escapeValue(name, value)}"`);
	const content = [dropInMarker, '[Service]', ...lines, ''].join('\n');
	// The settings checks keep within these; a node refuses anything over them.
	if (content.length > maxDropInBytes) {
		throw new Error(`Refusing to write a drop-in of ${content.length} bytes: the limit is ${maxDropInBytes}.`);
	}

	return content;
}

function escapeValue(name: string, value: string): string {
	// The parsers already refuse these; settings built any other way (a
	// cluster fact, a future caller) must not be able to end the quoted word.
	if (!/^[\x21-\x7e]*$/.test(value) || /["'\\`$;|&<>]/.test(value)) {
		throw new Error(`Refusing to write ${name} into a systemd unit: it contains a character that is not allowed there.`);
	}

	if (value.length > maxValueBytes) {
		throw new Error(`Refusing to write ${name} into a systemd unit: it is ${value.length} bytes long, over the limit of ${maxValueBytes}.`);
	}

	return value.replaceAll('%', '%%');
}
