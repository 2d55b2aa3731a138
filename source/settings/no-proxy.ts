import {isIPv4, isIPv6} from 'node:net';
import {describeCharacter, findForbiddenCharacter} from './characters.ts';
import {flagError} from './flag-error.ts';
import {hostNameProblem, parsePort, type Problem} from './host.ts';
import type {ClusterFacts} from './types.ts';

const forbiddenHint = 'NO_PROXY is written into a systemd unit file and read by shell scripts on every node, '
	+ 'so quotes, backslashes, $ ; | & < >, whitespace inside an entry and control or non-ASCII characters are refused. '
	+ 'Separate entries with commas.';

const entryHint = 'Each entry is a host name, .domain or *.domain, an IPv4 or IPv6 address, a CIDR such as 10.0.0.0/8 '
	+ 'or fd00::/8, or host:port.';

/**
 * Comma-separated entries as the runtimes' Go HTTP clients understand them.
 * Spaces around commas are dropped; empty entries are ignored.
 */
export function parseNoProxyList(flag: string, value: string): string[] {
	const fail: (position: number, problem: string, hint: string) => never = (position, problem, hint) => {
		throw flagError({flag, shownValue: value, problem, position, hint});
	};

	const forbidden = findForbiddenCharacter(value, {allowSpace: true});
	if (forbidden) {
		fail(forbidden.position, `${describeCharacter(forbidden.char)} is not allowed`, forbiddenHint);
	}

	const entries: string[] = [];
	let start = 0;
	for (const raw of value.split(',')) {
		const leading = raw.length - raw.trimStart().length;
		const entry = raw.trim();
		const entryStart = start + leading;
		start += raw.length + 1;
		if (entry === '') {
			continue;
		}

		const space = entry.indexOf(' ');
		if (space !== -1) {
			fail(entryStart + space + 1, 'a space is not allowed inside an entry', forbiddenHint);
		}

		const result = checkEntry(entry);
		if (typeof result !== 'string') {
			fail(entryStart + result.offset + 1, `${result.problem} in entry "${entry}"`, entryHint);
		}

		entries.push(result);
	}

	return entries;
}

/**
 * One entry that did not come from the user (a node's address, a pod or
 * service CIDR): the same check as a user's entry, and no character that
 * could end it (a comma) or hide in it.
 */
export function noProxyEntryProblem(entry: string): string | undefined {
	const forbidden = findForbiddenCharacter(entry);
	if (forbidden) {
		return `${describeCharacter(forbidden.char)} is not allowed`;
	}

	if (entry.includes(',')) {
		return 'a comma would split it into several entries';
	}

	const result = entry === '' ? {offset: 0, problem: 'it is empty'} : checkEntry(entry);
	return typeof result === 'string' ? undefined : result.problem;
}

/** The entry as it should be written, or what is wrong with it. */
function checkEntry(entry: string): string | Problem {
	if (entry === '*') {
		return {offset: 0, problem: '\'*\' alone would bypass the proxy for everything'};
	}

	if (entry.includes('%')) {
		return {offset: entry.indexOf('%'), problem: '\'%\' is not allowed (IPv6 zone indexes are not supported)'};
	}

	if (entry.includes('/')) {
		return checkCidr(entry);
	}

	if (isIPv4(entry) || isIPv6(entry)) {
		return entry;
	}

	if (entry.startsWith('[')) {
		return checkBracketedIPv6(entry);
	}

	const colons = entry.split(':').length - 1;
	if (colons > 1) {
		return {offset: 0, problem: 'not a valid IPv6 address'};
	}

	const colon = entry.indexOf(':');
	const host = colon === -1 ? entry : entry.slice(0, colon);
	if (colon !== -1) {
		const port = parsePort(entry.slice(colon + 1));
		if (typeof port !== 'number') {
			return {offset: colon + 1 + port.offset, problem: port.problem};
		}
	}

	const prefix = host.startsWith('*.') ? 2 : host.startsWith('.') ? 1 : 0;
	if (host.indexOf('*', prefix) !== -1) {
		return {offset: host.indexOf('*', prefix), problem: '\'*\' is only allowed as a leading \'*.\''};
	}

	if (prefix > 0 && host.length === prefix) {
		return {offset: 0, problem: `the domain after '${host}' is missing`};
	}

	const problem = hostNameProblem(host.slice(prefix));
	if (problem) {
		return {offset: prefix + problem.offset, problem: problem.problem};
	}

	return entry;
}

function checkCidr(entry: string): string | Problem {
	const slash = entry.indexOf('/');
	const address = entry.slice(0, slash);
	const prefixText = entry.slice(slash + 1);
	const maxPrefix = isIPv4(address) ? 32 : isIPv6(address) ? 128 : undefined;
	if (maxPrefix === undefined) {
		return {offset: 0, problem: `"${address}" before '/' is not an IPv4 or IPv6 address (IPv6 without brackets in a CIDR)`};
	}

	if (!/^(0|[1-9]\d{0,2})$/.test(prefixText) || Number(prefixText) > maxPrefix) {
		return {offset: slash + 1, problem: `the prefix length must be a number from 0 to ${maxPrefix}`};
	}

	return entry;
}

function checkBracketedIPv6(entry: string): string | Problem {
	const close = entry.indexOf(']');
	const address = close === -1 ? '' : entry.slice(1, close);
	if (close === -1 || !isIPv6(address)) {
		return {offset: 1, problem: 'not a valid IPv6 address in brackets'};
	}

	const after = entry.slice(close + 1);
	if (after === '') {
		// Go's NO_PROXY matching only unwraps brackets when a port follows.
		return address;
	}

	if (!after.startsWith(':')) {
		return {offset: close + 1, problem: 'only \':port\' may follow \']\''};
	}

	const port = parsePort(after.slice(1));
	return typeof port === 'number' ? entry : {offset: close + 2 + port.offset, problem: port.problem};
}

/** What pods, nodes and the cluster itself must reach without the proxy. */
export function defaultNoProxy(facts: ClusterFacts): string[] {
	const clusterDomain = facts.clusterDomain.replace(/^\.+|\.+$/g, '') || 'cluster.local';
	const apiServerHost = facts.apiServerHost?.replace(/^\[(.*)\]$/, '$1');
	return dedupe([
		'localhost',
		'127.0.0.1',
		'::1',
		'.svc',
		`.${clusterDomain}`,
		...(apiServerHost ? [apiServerHost] : []),
		...facts.podCidrs,
		...facts.serviceCidrs,
		...facts.nodeInternalIps,
		'169.254.169.254',
		'metadata.google.internal',
	]);
}

/** Defaults first, then the user's entries; first occurrence wins. */
export function effectiveNoProxy(defaults: readonly string[], user: readonly string[]): string[] {
	return dedupe([...defaults, ...user]);
}

function dedupe(entries: readonly string[]): string[] {
	const seen = new Set<string>();
	return entries.filter(entry => {
		// Host names are case-insensitive; IPv6 hex digits too.
		const key = entry.toLowerCase();
		if (entry === '' || seen.has(key)) {
			return false;
		}

		seen.add(key);
		return true;
	});
}
