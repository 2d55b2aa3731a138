import {isIPv6} from 'node:net';
import {describeCharacter, findForbiddenCharacter} from './characters.ts';
import {flagError} from './flag-error.ts';
import {hostNameProblem, parsePort} from './host.ts';
import type {ProxyUrl} from './types.ts';

// The URL is parsed by hand, not with WHATWG `URL`: that parser silently
// rewrites what it does not like (unicode hosts, backslashes, stray spaces),
// and we want to refuse such input and say exactly where it goes wrong.

const defaultPorts = {http: 80, https: 443} as const;

const forbiddenHint = 'A proxy URL is written into a systemd unit file and read by shell scripts on every node, '
	+ 'so whitespace, quotes, backslashes, $ ; | & < > and control or non-ASCII characters are refused.';

/**
 * Masks everything between `scheme://` and the last `@` of a raw, possibly
 * invalid value: over-masking is harmless in an error message, a leaked
 * password or API key is not.
 */
export function maskUrlForDisplay(value: string): string {
	const range = userinfoRange(value);
	return range === undefined ? value : `${value.slice(0, range.start)}***${value.slice(range.end)}`;
}

/** Where the credentials of a raw value are, as string indexes: from after `://` to the last `@`. */
function userinfoRange(value: string): {start: number; end: number} | undefined {
	const start = value.includes('://') ? value.indexOf('://') + 3 : 0;
	const end = value.lastIndexOf('@');
	return end < start ? undefined : {start, end};
}

/** Never derived from the value: it must not hint at the password's characters. */
const userinfoHint = 'In a user name or password, percent-encode every character other than letters, digits and - . _ ~ ! * + , = '
	+ '(\'@\' is %40, \'/\' is %2F, \':\' in a user name is %3A, \'%\' is %25, \'$\' is %24, a space is %20, non-ASCII characters '
	+ 'as their UTF-8 bytes); control characters cannot be used. Better: pass credentials with --proxy-env-file.';

export function parseProxyUrl(flag: string, value: string): ProxyUrl {
	const shownValue = maskUrlForDisplay(value);
	const range = userinfoRange(value);
	const fail: Fail = (position, problem, hint) => {
		throw flagError({flag, shownValue, problem, position, hint});
	};
	// A problem inside the credentials is told by its position alone: the
	// message must not show a character of the password.
	const inUserinfo = (position: number) => range !== undefined && position - 1 >= [...value.slice(0, range.start)].length && position - 1 < [...value.slice(0, range.end)].length;
	const failInUserinfo = (position: number) => fail(position, 'the user name or password has a character that must be percent-encoded or cannot be used', userinfoHint);

	if (value === '') {
		fail(undefined, 'the proxy URL is empty', `Pass a URL such as ${flag}=http://proxy.example.com:3128.`);
	}

	const forbidden = findForbiddenCharacter(value);
	if (forbidden && inUserinfo(forbidden.position)) {
		failInUserinfo(forbidden.position);
	}

	if (forbidden) {
		fail(forbidden.position, `${describeCharacter(forbidden.char)} is not allowed`, forbiddenCharacterHint(forbidden.char));
	}

	const schemeEnd = value.indexOf('://');
	if (schemeEnd === -1) {
		fail(1, 'the scheme is missing', `Write ${flag}=${maskUrlForDisplay(withScheme(value))}`);
	}

	const scheme = value.slice(0, schemeEnd).toLowerCase();
	if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) {
		fail(1, 'the scheme is missing or not valid', `Write ${flag}=${maskUrlForDisplay(`http://${value.slice(schemeEnd + 3)}`)}`);
	}

	if (scheme !== 'http' && scheme !== 'https') {
		fail(1, `scheme "${scheme}" is not supported`, 'Container runtimes read HTTP_PROXY and HTTPS_PROXY as HTTP proxies: use http:// (or https:// '
			+ 'for a proxy you reach over TLS). socks5, socks4, ftp and other schemes are not supported there; '
			+ 'use the HTTP (CONNECT) port of your proxy, e.g. http://proxy.example.com:3128.');
	}

	const typedScheme = scheme as 'http' | 'https';
	const restStart = schemeEnd + 3;
	const rest = value.slice(restStart);

	const queryOrFragment = rest.search(/[?#]/);
	if (queryOrFragment !== -1 && inUserinfo(restStart + queryOrFragment + 1)) {
		failInUserinfo(restStart + queryOrFragment + 1);
	}

	if (queryOrFragment !== -1) {
		fail(restStart + queryOrFragment + 1, `${describeCharacter(rest[queryOrFragment] ?? '')} starts a query or fragment, which a proxy URL cannot have`,
			'Remove it. In a user name or password write \'?\' as %3F and \'#\' as %23.');
	}

	const slash = rest.indexOf('/');
	const authority = slash === -1 ? rest : rest.slice(0, slash);
	const path = slash === -1 ? '' : rest.slice(slash);
	if (path !== '' && path !== '/') {
		if (path.includes('@')) {
			failInUserinfo(restStart + slash + 1);
		}

		fail(restStart + slash + 1, `a path ("${path}") is not allowed`, `A proxy is addressed by scheme, host and port only, e.g. ${typedScheme}://proxy.example.com:3128.`);
	}

	if (authority === '') {
		fail(restStart + 1, 'the host is missing', `Write ${flag}=${typedScheme}://proxy.example.com:3128.`);
	}

	const at = authority.indexOf('@');
	if (at !== authority.lastIndexOf('@')) {
		// The first '@' is inside the credentials: an unencoded one.
		failInUserinfo(restStart + at + 1);
	}

	const credentials = at === -1 ? undefined : parseCredentials(authority.slice(0, at), restStart, fail);
	const hostStart = restStart + at + 1;
	const {host, port} = parseHostAndPort(authority.slice(at + 1), hostStart, typedScheme, fail);

	const userinfo = credentials === undefined ? '' : credentials.password === undefined ? `${credentials.username}@` : `${credentials.username}:${credentials.password}@`;
	// A user name alone is often an API key: it is masked like a password.
	const maskedUserinfo = credentials === undefined ? '' : '***@';
	const portSuffix = port === defaultPorts[typedScheme] ? '' : `:${port}`;
	return {
		scheme: typedScheme,
		host,
		port,
		...(credentials && {username: credentials.username}),
		...(credentials?.password !== undefined && {password: credentials.password}),
		text: `${typedScheme}://${userinfo}${host}${portSuffix}`,
		masked: `${typedScheme}://${maskedUserinfo}${host}${portSuffix}`,
	};
}

type Fail = (position: number | undefined, problem: string, hint: string) => never;

function withScheme(value: string): string {
	const schemeWithoutSlashes = /^(https?):\/*/i.exec(value);
	if (schemeWithoutSlashes) {
		return `${schemeWithoutSlashes[1]!.toLowerCase()}://${value.slice(schemeWithoutSlashes[0].length)}`;
	}

	return value.startsWith('//') ? `http:${value}` : `http://${value}`;
}

/** `::1:3128` is itself a valid IPv6 address, but most likely meant a port. */
function bracketedExample(scheme: string, hostPort: string): string {
	const lastColon = hostPort.lastIndexOf(':');
	const address = hostPort.slice(0, lastColon);
	const port = hostPort.slice(lastColon + 1);
	if (isIPv6(address) && /^\d+$/.test(port)) {
		return `${scheme}://[${address}]:${port}`;
	}

	return isIPv6(hostPort) ? `${scheme}://[${hostPort}]:3128` : `${scheme}://[2001:db8::1]:3128`;
}

function forbiddenCharacterHint(char: string): string {
	const code = char.codePointAt(0) ?? 0;
	if (code > 0x7f) {
		return `${forbiddenHint} If you did not type it, the value was probably pasted from a document or chat: retype it. `
			+ 'Write an internationalised host name in its xn-- (punycode) form.';
	}

	return forbiddenHint;
}

function parseCredentials(userinfo: string, start: number, fail: Fail): {username: string; password?: string} {
	if (userinfo === '') {
		fail(start + 1, 'the credentials before \'@\' are empty', 'Remove the \'@\', or write user:password@ before the host.');
	}

	const colon = userinfo.indexOf(':');
	const username = colon === -1 ? userinfo : userinfo.slice(0, colon);
	if (username === '') {
		fail(start + 1, 'the user name is empty', 'Write user:password@ before the host.');
	}

	checkEncodedPart(username, start, 'user name', false, fail);
	if (colon === -1) {
		return {username};
	}

	const password = userinfo.slice(colon + 1);
	if (password === '') {
		fail(start + colon + 1, 'the password after \':\' is empty', 'Remove the \':\' for a user without a password, or add the password.');
	}

	checkEncodedPart(password, start + colon + 1, 'password', true, fail);
	return {username, password};
}

/** RFC 3986 userinfo minus the characters we refuse everywhere. */
function checkEncodedPart(part: string, start: number, what: string, allowColon: boolean, fail: Fail): void {
	for (let index = 0; index < part.length; index++) {
		const char = part[index] ?? '';
		const position = start + index + 1;
		// Messages name the position only: never a character of the credentials.
		if (char === '%') {
			const hex = part.slice(index + 1, index + 3);
			if (!/^[0-9A-Fa-f]{2}$/.test(hex)) {
				fail(position, `a '%' in the ${what} does not start a percent-encoding like %40`, userinfoHint);
			}

			const byte = Number.parseInt(hex, 16);
			if (byte < 0x20 || byte === 0x7f) {
				fail(position, `a percent-encoding in the ${what} encodes a control character`, 'Proxy credentials cannot contain control characters; check the value.');
			}

			index += 2;
			continue;
		}

		if (!/^[A-Za-z0-9\-._~!*+,=]$/.test(char) && !(allowColon && char === ':')) {
			fail(position, `a character in the ${what} must be percent-encoded`, userinfoHint);
		}
	}
}

function parseHostAndPort(hostPort: string, start: number, scheme: 'http' | 'https', fail: Fail): {host: string; port: number} {
	if (hostPort === '') {
		fail(start + 1, 'the host is missing', `Write ${scheme}://proxy.example.com:3128.`);
	}

	let host: string;
	let portText: string | undefined;
	let portStart: number;
	if (hostPort.startsWith('[')) {
		const close = hostPort.indexOf(']');
		if (close === -1) {
			fail(start + 1, '\'[\' of an IPv6 address is not closed', `Write the address in brackets, e.g. ${scheme}://[2001:db8::1]:3128.`);
		}

		const address = hostPort.slice(1, close);
		if (!isIPv6(address) || address.includes('%')) {
			fail(start + 2, `"${address}" is not a valid IPv6 address`, `Write the address in brackets, e.g. ${scheme}://[2001:db8::1]:3128.`);
		}

		host = `[${address.toLowerCase()}]`;
		const after = hostPort.slice(close + 1);
		if (after !== '' && !after.startsWith(':')) {
			fail(start + close + 2, `${describeCharacter(after[0] ?? '')} is not allowed after ']'`, 'Only \':port\' may follow an IPv6 address in brackets.');
		}

		portText = after === '' ? undefined : after.slice(1);
		portStart = start + close + 2;
	} else {
		const colons = hostPort.split(':').length - 1;
		if (colons > 1) {
			fail(start + 1, 'an IPv6 address must be written in brackets', `Write e.g. ${bracketedExample(scheme, hostPort)}.`);
		}

		const colon = hostPort.indexOf(':');
		host = colon === -1 ? hostPort : hostPort.slice(0, colon);
		portText = colon === -1 ? undefined : hostPort.slice(colon + 1);
		portStart = start + colon + 1;
		const problem = hostNameProblem(host);
		if (problem) {
			fail(start + problem.offset + 1, problem.problem, `Write a host name or IP address, e.g. ${scheme}://proxy.example.com:3128.`);
		}

		host = host.toLowerCase();
	}

	if (portText === undefined) {
		return {host, port: defaultPorts[scheme]};
	}

	const port = parsePort(portText);
	if (typeof port !== 'number') {
		// An empty port is pointed at by its ':'.
		const position = portText === '' ? portStart : portStart + port.offset + 1;
		return fail(position, port.problem, 'Give the proxy\'s port as a number from 1 to 65535 (3128 and 8080 are common), or leave it out for the scheme\'s default.');
	}

	return {host, port};
}
