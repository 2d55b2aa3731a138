import {isIPv4} from 'node:net';
import {describeCharacter} from './characters.ts';

/** What is wrong, `offset` characters (0-based) into the checked text. */
export type Problem = {
	readonly offset: number;
	readonly problem: string;
};

/**
 * A DNS name or a dotted IPv4 address. Underscores are accepted because
 * internal proxies are sometimes named that way and resolvers allow it.
 */
export function hostNameProblem(host: string): Problem | undefined {
	if (host === '') {
		return {offset: 0, problem: 'the host is missing'};
	}

	for (const [offset, char] of [...host].entries()) {
		if (!/^[A-Za-z0-9._-]$/.test(char)) {
			return {offset, problem: `${describeCharacter(char)} is not allowed in a host name`};
		}
	}

	if (host.length > 253) {
		return {offset: 253, problem: 'the host name is longer than 253 characters'};
	}

	let offset = 0;
	const labels = host.split('.');
	for (const label of labels) {
		if (label === '') {
			return {offset: Math.max(offset - 1, 0), problem: 'the host name has an empty label (a leading, trailing or doubled dot)'};
		}

		if (label.length > 63) {
			return {offset, problem: 'a label of the host name is longer than 63 characters'};
		}

		if (label.startsWith('-') || label.endsWith('-')) {
			return {offset, problem: 'a label of the host name starts or ends with \'-\''};
		}

		offset += label.length + 1;
	}

	// A name whose last label is a number is read as an IPv4 address by
	// resolvers and HTTP clients: it has to be a valid one.
	if (/^\d+$/.test(labels.at(-1) ?? '') && !isIPv4(host)) {
		return {offset: 0, problem: `"${host}" is not a valid IPv4 address`};
	}

	return undefined;
}

/** A port number 1-65535, or what is wrong with the text. */
export function parsePort(text: string): number | Problem {
	if (text === '') {
		return {offset: 0, problem: 'the port is empty'};
	}

	const nonDigit = [...text].findIndex(char => !/^\d$/.test(char));
	if (nonDigit !== -1) {
		return {offset: nonDigit, problem: `the port must be a number, but has ${describeCharacter(text[nonDigit] ?? '')}`};
	}

	const port = Number(text);
	if (port < 1 || port > 65_535) {
		return {offset: 0, problem: `port ${text.length > 10 ? `${text.slice(0, 10)}...` : text} is out of range 1-65535`};
	}

	return port;
}
