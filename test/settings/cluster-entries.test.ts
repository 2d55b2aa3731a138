import {describe, expect, it} from 'vitest';
import {checkClusterEntries, describeDroppedEntry} from '../../source/settings/cluster-entries.ts';

const internalIp = (node: string, value: string) => ({node, field: 'InternalIP', value});

describe('checkClusterEntries', () => {
	it('keeps addresses and CIDRs a user could give as --no-proxy entries', () => {
		const entries = [internalIp('a', '10.0.0.1'), internalIp('b', 'fd00::1'), {node: 'a', field: 'pod CIDR', value: '10.244.0.0/24'}, {node: '', field: 'service CIDR', value: 'fd00:10::/108'}];
		expect(checkClusterEntries(entries)).toEqual({accepted: ['10.0.0.1', 'fd00::1', '10.244.0.0/24', 'fd00:10::/108'], dropped: []});
	});

	it.each([
		['*', '\'*\' alone would bypass the proxy for everything'],
		['10.0.0.1,*', 'a comma would split it into several entries'],
		['10.0.0.1 *', 'a space'],
		['10.0.0.1\nEnvironment=X', 'a line feed'],
		['\u001B]52;c;aGk=\u0007', 'U+001B'],
		['10.0.0.0/99', 'prefix length'],
		['', 'it is empty'],
		['a"b', 'a double quote'],
	])('drops %j and says why', (value, problem) => {
		const {accepted, dropped} = checkClusterEntries([internalIp('evil', value), internalIp('good', '10.0.0.2')]);
		expect(accepted).toEqual(['10.0.0.2']);
		expect(dropped).toHaveLength(1);
		expect(dropped[0]).toMatchObject({node: 'evil', field: 'InternalIP', value});
		expect(dropped[0]!.problem).toContain(problem);
	});
});

describe('describeDroppedEntry', () => {
	it('names the node, the field and the value, spelled out so that it cannot act on the terminal', () => {
		const [dropped] = checkClusterEntries([internalIp('evil', '*\u001B[2J')]).dropped;
		const text = describeDroppedEntry(dropped!);
		expect(text).toMatch(/^node evil: InternalIP "\*<U\+001B>\[2J" left out of NO_PROXY \(.+\)$/);
		expect(text).not.toMatch(/\p{Cc}/u);
	});

	it('names no node for cluster-wide values', () => {
		const [dropped] = checkClusterEntries([{node: '', field: 'service CIDR', value: '*'}]).dropped;
		expect(describeDroppedEntry(dropped!)).toMatch(/^service CIDR "\*" left out of NO_PROXY/);
	});
});
