import {describe, expect, it} from 'vitest';
import {parseCheckReport} from '../../source/drift/check-report.ts';

const report = ['check=1', 'unit=containerd.service', 'unit_loaded=yes', 'drop_in=matches', 'env_file=absent', 'runtime_pid=812', 'runtime_env=differs', 'other=/etc/systemd/system/containerd.service.d/99-x.conf HTTPS_PROXY,https_proxy', ''].join('\n');

describe('parseCheckReport', () => {
	it('reads every known fact', () => {
		expect(parseCheckReport(report)).toEqual({
			unit: 'containerd.service',
			unitLoaded: true,
			dropIn: 'matches',
			envFile: 'absent',
			runtimePid: 812,
			runtimeEnv: 'differs',
			others: [{path: '/etc/systemd/system/containerd.service.d/99-x.conf', variables: ['HTTPS_PROXY', 'https_proxy']}],
			othersTruncated: false,
		});
	});

	it('an error report of the script', () => {
		expect(parseCheckReport('check=1\nerror=bad-input\n')).toMatchObject({error: 'bad-input', unitLoaded: false});
	});

	it.each([
		['no message', undefined, 'the check pod left no report'],
		['another program\'s message', 'hello\n', 'the check pod\'s message is not a report of check-drift.sh'],
		['an unknown key', `${report}password=x\n`, 'line 9 of the check pod\'s report is not a known fact'],
		['a value out of shape', report.replace('drop_in=matches', 'drop_in=\u001B[2J'), 'line 4 of the check pod\'s report is not a known fact'],
		['a fact twice', `${report}drop_in=absent\n`, 'line 9 of the check pod\'s report is not a known fact'],
		['a variable that is no proxy variable', report.replace('HTTPS_PROXY,', 'PATH,'), 'line 8 of the check pod\'s report is not a known fact'],
		['a path with spaces or controls', report.replace('99-x.conf', '99 x\u0007.conf'), 'line 8 of the check pod\'s report is not a known fact'],
		['too long', `check=1\n${'x'.repeat(5000)}`, 'the report is 5008 characters long, over 4096'],
		['too many lines', `check=1\n${'unit=crio.service\n'.repeat(40)}`, 'the check pod\'s message is not a report of check-drift.sh'],
	])('%s is no report', (_what, message, invalid) => {
		expect(parseCheckReport(message)).toEqual({invalid});
	});
});
