import {expect, test} from 'vitest';
import {parseTimeVerbose} from './timed-run.ts';

const report = `	Command being timed: "kubectl proxyinject status -o json"
	User time (seconds): 0.91
	System time (seconds): 0.12
	Percent of CPU this job got: 95%
	Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.08
	Maximum resident set size (kbytes): 270208
	Exit status: 0
`;

test('reads CPU times and peak memory from GNU time -v', () => {
	expect(parseTimeVerbose(report)).toEqual({userS: 0.91, systemS: 0.12, maxRssKb: 270_208});
});

test('a report without the fields (the command never ran) gives nothing', () => {
	expect(parseTimeVerbose('/usr/bin/time: cannot run kubectl: No such file or directory\n')).toBeUndefined();
});
