import {describe, expect, it} from 'vitest';
import {maskUrlForDisplay, parseProxyUrl} from '../../source/settings/proxy-url.ts';
import {expectUsageError} from './expect-usage-error.ts';

const flag = '--http-proxy';
const parse = (value: string) => parseProxyUrl(flag, value);

describe('parseProxyUrl: valid URLs', () => {
	it('parses a plain http proxy with a port', () => {
		expect(parse('http://proxy.example.com:3128')).toEqual({
			scheme: 'http',
			host: 'proxy.example.com',
			port: 3128,
			text: 'http://proxy.example.com:3128',
			masked: 'http://proxy.example.com:3128',
		});
	});

	it('defaults the port to 80 for http and 443 for https, and leaves it out of the text', () => {
		expect(parse('http://proxy')).toMatchObject({port: 80, text: 'http://proxy'});
		expect(parse('https://proxy')).toMatchObject({port: 443, text: 'https://proxy'});
	});

	it('canonicalises: lower-case scheme and host, default port dropped, trailing slash dropped', () => {
		expect(parse('HTTP://Proxy.Example.COM:80/').text).toBe('http://proxy.example.com');
		expect(parse('https://proxy:443').text).toBe('https://proxy');
		expect(parse('http://proxy:443').text).toBe('http://proxy:443');
		expect(parse('http://proxy:03128').text).toBe('http://proxy:3128');
	});

	it('keeps credentials percent-encoded as given and masks the password', () => {
		const url = parse('http://alice:s3cr%40t%2F%25x@proxy:3128');
		expect(url.username).toBe('alice');
		expect(url.password).toBe('s3cr%40t%2F%25x');
		expect(url.text).toBe('http://alice:s3cr%40t%2F%25x@proxy:3128');
		expect(url.masked).toBe('http://***@proxy:3128');
	});

	it('accepts a user without a password, and masks it: a user name alone is often an API key', () => {
		const url = parse('http://APIKEY@proxy:8011');
		expect(url).toMatchObject({username: 'APIKEY', text: 'http://APIKEY@proxy:8011', masked: 'http://***@proxy:8011'});
		expect(url.password).toBeUndefined();
	});

	it('accepts the URL sub-delimiters that are harmless in a password, and ":" inside it', () => {
		expect(parse('http://u:a!b*c+d,e=f:g~h@proxy').password).toBe('a!b*c+d,e=f:g~h');
	});

	it('accepts percent-encoded UTF-8 in a password', () => {
		expect(parse('http://u:p%C3%A9@proxy').password).toBe('p%C3%A9');
	});

	it('accepts IPv6 in brackets, with and without a port', () => {
		expect(parse('http://[::1]:3128')).toMatchObject({host: '[::1]', port: 3128, text: 'http://[::1]:3128'});
		expect(parse('http://[2001:DB8::1]')).toMatchObject({host: '[2001:db8::1]', port: 80, text: 'http://[2001:db8::1]'});
	});

	it('accepts IPv4 addresses and underscores in host names', () => {
		expect(parse('http://10.0.0.1:8080').host).toBe('10.0.0.1');
		expect(parse('http://corp_proxy.internal:8080').host).toBe('corp_proxy.internal');
	});
});

describe('parseProxyUrl: scheme', () => {
	it.each(['socks5://proxy:1080', 'socks5h://proxy:1080', 'socks4://proxy:1080', 'ftp://proxy:21'])('refuses %s and says why', value => {
		const scheme = value.slice(0, value.indexOf(':'));
		expectUsageError(() => parse(value), {
			flag,
			position: 1,
			message: [`scheme "${scheme}" is not supported`],
			hint: ['socks5', 'ftp', 'not supported', 'http://'],
		});
	});

	it('suggests http:// when the scheme is missing', () => {
		expectUsageError(() => parse('proxy.example.com:3128'), {
			flag,
			position: 1,
			message: ['the scheme is missing'],
			hint: ['--http-proxy=http://proxy.example.com:3128'],
		});
	});

	it('repairs a scheme with too few slashes in the suggestion', () => {
		expectUsageError(() => parse('http:/proxy:3128'), {flag, position: 1, hint: ['=http://proxy:3128']});
		expectUsageError(() => parse('https:proxy'), {flag, position: 1, hint: ['=https://proxy']});
		expectUsageError(() => parse('//proxy'), {flag, position: 1, hint: ['=http://proxy']});
	});

	it('masks the password in the suggestion', () => {
		expectUsageError(() => parse('alice:hunter2@proxy:3128'), {
			flag,
			position: 1,
			message: ['the scheme is missing'],
			absent: ['hunter2'],
		});
	});

	it('refuses an empty scheme', () => {
		expectUsageError(() => parse('://proxy'), {flag, position: 1, message: ['scheme']});
	});

	it('refuses an empty value without a position', () => {
		expectUsageError(() => parse(''), {flag, position: null, message: ['empty']});
	});
});

describe('parseProxyUrl: host and port', () => {
	it.each([
		['http://proxy:0', 14, 'port 0 is out of range 1-65535'],
		['http://proxy:65536', 14, 'port 65536 is out of range 1-65535'],
		['http://proxy:99999999999999999999', 14, 'is out of range'],
		['http://proxy:abc', 14, 'must be a number'],
		['http://proxy:31a8', 16, 'must be a number'],
		['http://proxy:', 13, 'the port is empty'],
		['http://[::1]:0', 14, 'out of range'],
		['http://[::1]:', 13, 'the port is empty'],
	])('refuses %s at position %i', (value, position, fragment) => {
		expectUsageError(() => parse(value), {flag, position, message: [fragment], hint: ['1 to 65535']});
	});

	it('accepts the extreme ports', () => {
		expect(parse('http://proxy:1').port).toBe(1);
		expect(parse('http://proxy:65535').port).toBe(65_535);
	});

	it('requires brackets around IPv6 and suggests them', () => {
		expectUsageError(() => parse('http://::1:3128'), {
			flag,
			position: 8,
			message: ['IPv6 address must be written in brackets'],
			hint: ['http://[::1]:3128'],
		});
		expectUsageError(() => parse('http://2001:db8::1'), {flag, position: 8, hint: ['[2001:db8::1]']});
	});

	it.each([
		['http://[::1', 8, '\'[\' of an IPv6 address is not closed'],
		['http://[::g]:80', 9, 'is not a valid IPv6 address'],
		['http://[fe80::1%25eth0]:80', 9, 'is not a valid IPv6 address'],
		['http://[::1]x', 13, '\'x\' is not allowed after \']\''],
	])('refuses the bracketed host %s', (value, position, fragment) => {
		expectUsageError(() => parse(value), {flag, position, message: [fragment]});
	});

	it.each([
		['http://', 8, 'the host is missing'],
		['http://:3128', 8, 'the host is missing'],
		['http://alice:pw@', 17, 'the host is missing'],
		['http://alice:pw@:3128', 17, 'the host is missing'],
		['http://.proxy', 8, 'empty label'],
		['http://proxy.', 13, 'empty label'],
		['http://a..b', 9, 'empty label'],
		['http://-proxy', 8, 'starts or ends with \'-\''],
		['http://proxy-.corp', 8, 'starts or ends with \'-\''],
		['http://999.1.1.1', 8, 'not a valid IPv4 address'],
		['http://01.2.3.4', 8, 'not a valid IPv4 address'],
		['http://1.2.3', 8, 'not a valid IPv4 address'],
		['http://pro%78y', 11, '\'%\' is not allowed in a host name'],
		['http://pro]xy', 11, '\']\' is not allowed in a host name'],
		['http://pro(xy', 11, '\'(\' is not allowed in a host name'],
		[`http://${'a'.repeat(64)}.corp`, 8, 'longer than 63'],
		[`http://${Array.from({length: 64}, () => 'abc').join('.')}`, 261, 'longer than 253'],
	])('refuses the host in %s at position %i', (value, position, fragment) => {
		expectUsageError(() => parse(value), {flag, position, message: [fragment]});
	});
});

describe('parseProxyUrl: path, query, fragment', () => {
	it('refuses a path and names where it starts', () => {
		expectUsageError(() => parse('http://proxy:3128/pac'), {flag, position: 18, message: ['a path ("/pac") is not allowed']});
	});

	it('refuses a query or a fragment', () => {
		expectUsageError(() => parse('http://proxy:3128?a=b'), {flag, position: 18, message: ['\'?\' starts a query or fragment']});
		expectUsageError(() => parse('http://proxy:3128/#x'), {flag, position: 19, message: ['\'#\' starts a query or fragment']});
	});

	it('explains a raw / in a password', () => {
		expectUsageError(() => parse('http://u:pa/ss@proxy'), {
			flag,
			position: 12,
			message: ['must be percent-encoded or cannot be used'],
			hint: ['%2F'],
			absent: ['pa/ss'],
		});
	});
});

describe('parseProxyUrl: credentials', () => {
	it('refuses a raw second @ and explains %40', () => {
		expectUsageError(() => parse('http://alice:p@ss@proxy:3128'), {
			flag,
			position: 15,
			message: ['"http://***@proxy:3128"'],
			hint: ['%40'],
			absent: ['p@ss', 'alice'],
		});
	});

	it.each([
		['http://alice:ze(b)ra@proxy', 16, 'a character in the password must be percent-encoded', '(', '%40'],
		['http://al[ice:zebra@proxy', 10, 'a character in the user name must be percent-encoded', '[', '%40'],
		['http://ali:ce:x@proxy', undefined, undefined, undefined, undefined],
	])('names the position, never the character, to encode in %s', (value, position, fragment, character, hint) => {
		if (position === undefined) {
			// ':' after the first one belongs to the password: legal.
			expect(parse(value).password).toBe('ce:x');
			return;
		}

		expectUsageError(() => parse(value), {flag, position, message: [fragment!], hint: [hint!], absent: [`'${character!}'`, 'zebra', 'ice']});
	});

	it.each([
		['http://u:50%@proxy', 12, 'does not start a percent-encoding'],
		['http://u:5%zz@proxy', 11, 'does not start a percent-encoding'],
		['http://u%4:p@proxy', 9, 'does not start a percent-encoding'],
	])('refuses a stray %% in %s', (value, position, fragment) => {
		expectUsageError(() => parse(value), {flag, position, message: [fragment], hint: ['%25']});
	});

	it.each(['%0A', '%0d', '%00', '%7F', '%1b'])('refuses the encoded control character %s in a password', encoded => {
		expectUsageError(() => parse(`http://u:a${encoded}b@proxy`), {flag, position: 11, message: ['encodes a control character'], absent: [encoded]});
	});

	it.each([
		['http://@proxy', 8, 'the credentials before \'@\' are empty'],
		['http://:pw@proxy', 8, 'the user name is empty'],
		['http://alice:@proxy', 13, 'the password after \':\' is empty'],
	])('refuses empty credential parts in %s', (value, position, fragment) => {
		expectUsageError(() => parse(value), {flag, position, message: [fragment]});
	});
});

describe('parseProxyUrl: hostile values', () => {
	it.each([
		['http://a;rm -rf /', 9, '\';\''],
		['http://proxy:3128;reboot', 18, '\';\''],
		['http://a|sh', 9, '\'|\''],
		['http://a&b', 9, '\'&\''],
		['http://a$(id)', 9, '\'$\''],
		['http://a`id`', 9, 'a backquote'],
		['http://a>/etc/passwd', 9, '\'>\''],
		['http://a<b', 9, '\'<\''],
		['http://a"b', 9, 'a double quote'],
		['http://a\'b', 9, 'a single quote'],
		['http://a\\b', 9, 'a backslash'],
		['http://a b', 9, 'a space (U+0020)'],
		['http://a\tb', 9, 'a tab (U+0009)'],
		['http://a\nExecStart=/bin/sh', 9, 'a line feed (U+000A)'],
		['http://a\r\nExecStart=/bin/sh', 9, 'a carriage return (U+000D)'],
		['http://a\u0000b', 9, 'U+0000'],
		['http://a\u001Bb', 9, 'U+001B'],
		['http://a\u007Fb', 9, 'a delete control character (U+007F)'],
		['http://a\u0085b', 9, 'U+0085'],
		[' http://proxy', 1, 'a space'],
		['http://proxy\n', 13, 'a line feed'],
	])('refuses %j at position %i', (value, position, fragment) => {
		expectUsageError(() => parse(value), {flag, position, message: [fragment, 'is not allowed'], hint: ['systemd']});
	});

	it.each([
		['http://pro\u202Exy', 11, 'U+202E', 'right-to-left override'],
		['http://pro\u2066xy', 11, 'U+2066', 'isolate'],
		['http://pro\u200Bxy', 11, 'U+200B', 'zero-width space'],
		['http://pro\u200Dxy', 11, 'U+200D', 'zero-width joiner'],
		['http://pro\uFEFFxy', 11, 'U+FEFF', 'byte order mark'],
		['http://pro\u00A0xy', 11, 'U+00A0', 'no-break space'],
		['http://pro\u2028xy', 11, 'U+2028', 'invisible character'],
		['http://pr\u043Exy', 10, 'U+043E', 'not ASCII'],
		['http://pr\u00F6xy.de', 10, 'U+00F6', 'not ASCII'],
		['http://\u{1D5C9}roxy', 8, 'U+1D5C9', 'not ASCII'],
		['http://a\u{1F600}b', 9, 'U+1F600', 'not ASCII'],
	])('refuses non-ASCII %j and names it %s', (value, position, codePoint, name) => {
		const error = expectUsageError(() => parse(value), {flag, position, message: [codePoint, name], hint: ['retype']});
		// The shown value spells the character out instead of printing it.
		expect(error.message).toContain(`<${codePoint}>`);
	});

	it('counts positions in code points after an astral character', () => {
		expectUsageError(() => parse('http://\u{1F600};'), {flag, position: 8, message: ['U+1F600']});
	});

	it('names the position of a forbidden character inside the credentials, never the character', () => {
		expectUsageError(() => parse('http://alice:hunter2;x@proxy:3128'), {
			flag,
			position: 21,
			message: ['"http://***@proxy:3128"', 'user name or password'],
			hint: ['percent-encode', '--proxy-env-file'],
			absent: ['hunter2', '\';\'', 'alice'],
		});
		expectUsageError(() => parse('http://alice:p\u00E4ss@proxy'), {flag, position: 15, absent: ['p\u00E4ss', 'U+00E4', '%C3%A4']});
		// The example from the field: '$' inside a password was named in the message.
		const dollar = expectUsageError(() => parse('http://u:pa$word@proxy:3128'), {flag, position: 12, absent: ['pa$word']});
		expect(dollar.message).toBe('--http-proxy "http://***@proxy:3128": the user name or password has a character that must be percent-encoded or cannot be used (at position 12).');
		expectUsageError(() => parse('http://u:zz\u001Bword@proxy:3128'), {flag, position: 12, absent: ['U+001B', 'zz']});
		const query = expectUsageError(() => parse('http://u:zz?rd@proxy:3128'), {flag, position: 12, absent: ['zz']});
		expect(query.message).not.toContain('\'?\'');
		expectUsageError(() => parse('APIKEY;x@proxy:3128'), {flag, position: 7, absent: ['APIKEY']});
	});

	it('cannot be led into systemd specifiers: % is legal only as percent-encoding', () => {
		expectUsageError(() => parse('http://u:%n@proxy'), {flag, position: 10, message: ['percent-encoding']});
		expectUsageError(() => parse('http://%h@proxy'), {flag, position: 8, message: ['percent-encoding']});
		expectUsageError(() => parse('http://proxy%h'), {flag, position: 13, message: ['not allowed in a host name']});
	});

	it('truncates a huge value in the message', () => {
		const error = expectUsageError(() => parse(`http://${'a'.repeat(5000)};`), {flag, position: 5008});
		expect(error.message.length).toBeLessThan(400);
	});
});

describe('maskUrlForDisplay', () => {
	it.each([
		['http://alice:secret@proxy:3128', 'http://***@proxy:3128'],
		['http://alice:se@cr@et@proxy', 'http://***@proxy'],
		['http://alice:s e"c\'r;et@proxy', 'http://***@proxy'],
		['alice:secret@proxy', '***@proxy'],
		['http://APIKEY@proxy', 'http://***@proxy'],
		['http://proxy:3128', 'http://proxy:3128'],
		['http://proxy:3128/a@b', 'http://***@b'],
	])('%j -> %j', (value, masked) => {
		expect(maskUrlForDisplay(value)).toBe(masked);
	});
});
