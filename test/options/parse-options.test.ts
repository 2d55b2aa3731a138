import {describe, expect, it} from 'vitest';
import {defaultImages} from '../../source/manifests/images.ts';
import {parseOptions} from '../../source/options/parse-options.ts';
import {usageErrorOf} from './usage-error.ts';

describe('parseOptions: commands and defaults', () => {
	it('without arguments is the home command with every default', () => {
		expect(parseOptions([])).toEqual({
			command: 'home',
			help: false,
			version: false,
			proxy: {httpProxy: undefined, httpsProxy: undefined, noProxy: undefined, noDefaultNoProxy: false},
			caFiles: [],
			rollout: {mode: 'node-by-node', parallel: 1, timeoutMs: 300_000},
			selection: {nodes: [], selector: undefined},
			images: {image: defaultImages.script, pauseImage: defaultImages.pause},
			kube: {kubeconfig: undefined, context: undefined, namespace: 'kube-system'},
			yes: false,
			dryRun: false,
			output: undefined,
			plain: false,
			watch: false,
		});
	});

	it.each(['status', 'apply', 'remove'] as const)('reads the command %s', command => {
		expect(parseOptions([command]).command).toBe(command);
	});

	it('takes the command after flags too', () => {
		expect(parseOptions(['--context', 'prod', 'status']).command).toBe('status');
	});

	it.each([
		['staus', 'status'],
		['aply', 'apply'],
		['remvoe', 'remove'],
		['statu', 'status'],
	])('suggests a command for the unknown %s', (typo, command) => {
		const error = usageErrorOf(() => parseOptions([typo]));
		expect(error.message).toBe(`unknown command "${typo}"`);
		expect(error.hint).toBe(`Did you mean "kubectl proxyinject ${command}"?`);
	});

	it('lists the commands when no command is close', () => {
		const error = usageErrorOf(() => parseOptions(['frobnicate']));
		expect(error.message).toBe('unknown command "frobnicate"');
		expect(error.hint).toBe('Commands: status, apply, remove.');
	});

	it.each([
		[['status', 'extra'], 'extra'],
		[['apply', 'node-a', 'node-b'], 'node-a'],
		[['status', '--', '-x'], '-x'],
		[['status', '-5'], '-5'],
	])('refuses extra positional arguments in %j', (argv, first) => {
		const error = usageErrorOf(() => parseOptions(argv));
		expect(error.message).toBe(`unexpected argument "${first}"`);
		expect(error.hint).toContain('--nodes a,b');
	});
});

describe('parseOptions: every flag', () => {
	it('reads every apply flag in its long form', () => {
		const options = parseOptions([
			'apply',
			'--http-proxy', 'http://proxy:3128',
			'--https-proxy', 'http://secure:3129',
			'--no-proxy', '.corp,10.0.0.0/8',
			'--no-default-no-proxy',
			'--rollout', 'all',
			'--parallel', '4',
			'--timeout', '90s',
			'--nodes', 'a,b',
			'--selector', 'pool=build',
			'--image', 'example.com/script:1',
			'--pause-image', 'example.com/pause:1',
			'--yes',
			'--dry-run',
			'--output', 'json',
			'--plain',
			'--kubeconfig', '/tmp/kc',
			'--context', 'prod',
			'--namespace', 'proxy-system',
		]);
		expect(options).toEqual({
			command: 'apply',
			help: false,
			version: false,
			proxy: {httpProxy: 'http://proxy:3128', httpsProxy: 'http://secure:3129', noProxy: '.corp,10.0.0.0/8', noDefaultNoProxy: true},
			caFiles: [],
			rollout: {mode: 'all', parallel: 4, timeoutMs: 90_000},
			selection: {nodes: ['a', 'b'], selector: 'pool=build'},
			images: {image: 'example.com/script:1', pauseImage: 'example.com/pause:1'},
			kube: {kubeconfig: '/tmp/kc', context: 'prod', namespace: 'proxy-system'},
			yes: true,
			dryRun: true,
			output: 'json',
			plain: true,
			watch: false,
		});
	});

	it('reads flags written with =', () => {
		const options = parseOptions(['apply', '--https-proxy=http://u:p=q@proxy:3128', '--parallel=2', '--timeout=1h30m', '--rollout=node-by-node', '--namespace=ns']);
		expect(options.proxy.httpsProxy).toBe('http://u:p=q@proxy:3128');
		expect(options.rollout).toEqual({mode: 'node-by-node', parallel: 2, timeoutMs: 5_400_000});
		expect(options.kube.namespace).toBe('ns');
	});

	it('reads --help and --version', () => {
		expect(parseOptions(['--help']).help).toBe(true);
		expect(parseOptions(['apply', '--help']).help).toBe(true);
		expect(parseOptions(['--version']).version).toBe(true);
	});

	it('splits --nodes on commas and drops blanks and spaces', () => {
		expect(parseOptions(['status', '--nodes', ' a, b,,c ,']).selection.nodes).toEqual(['a', 'b', 'c']);
	});

	it('keeps a value that looks like a command', () => {
		expect(parseOptions(['status', '--context', 'apply']).kube.context).toBe('apply');
	});
});

describe('parseOptions: short flags', () => {
	it.each([
		[['status', '-n', 'ns'], 'ns'],
		[['status', '-nns'], 'ns'],
		[['status', '-n=ns'], 'ns'],
	])('-n in %j sets the namespace', (argv, namespace) => {
		expect(parseOptions(argv).kube.namespace).toBe(namespace);
	});

	it.each([
		[['status', '-o', 'json'], 'json'],
		[['status', '-ojson'], 'json'],
		[['status', '-o=yaml'], 'yaml'],
		[['-o', 'table'], 'table'],
	])('-o in %j sets the output format', (argv, output) => {
		expect(parseOptions(argv).output).toBe(output);
	});

	it('-l sets the selector, attached or not', () => {
		expect(parseOptions(['status', '-l', 'pool=build']).selection.selector).toBe('pool=build');
		expect(parseOptions(['status', '-lpool=build']).selection.selector).toBe('pool=build');
	});

	it('-y and -h are booleans and combine', () => {
		expect(parseOptions(['apply', '-y'])).toMatchObject({yes: true, help: false});
		expect(parseOptions(['-h'])).toMatchObject({help: true, command: 'home'});
		expect(parseOptions(['apply', '-yh'])).toMatchObject({yes: true, help: true});
	});

	it('a boolean short flag may precede a string one in a cluster', () => {
		expect(parseOptions(['apply', '-yl', 'pool=a'])).toMatchObject({yes: true, selection: {selector: 'pool=a'}});
	});

	it('a string short flag takes the rest of its cluster as the value, as kubectl does', () => {
		expect(parseOptions(['apply', '-ly']).selection.selector).toBe('y');
	});

	it.each([
		['-x', '-x in -x'],
		['-v', '-v in -v'],
		['-yx', '-x in -yx'],
		['-hq', '-q in -hq'],
	])('refuses the unknown shorthand in %s', (token, named) => {
		const error = usageErrorOf(() => parseOptions(['apply', token]));
		expect(error.message).toBe(`unknown shorthand flag: ${named}`);
		expect(error.hint).toContain('--help');
	});
});

describe('parseOptions: --no-proxy and --no-default-no-proxy are not negations', () => {
	const untouched = (argv: string[]) => {
		const options = parseOptions(argv);
		// Nothing else may change: no `proxy: false`, no other flag flipped.
		expect(options.selection).toEqual({nodes: [], selector: undefined});
		expect(options.yes).toBe(false);
		expect(options.dryRun).toBe(false);
		expect(options.proxy.httpProxy).toBeUndefined();
		expect(options.proxy.httpsProxy).toBeUndefined();
		return options.proxy;
	};

	it('--no-proxy a,b (space) sets only the list', () => {
		expect(untouched(['apply', '--no-proxy', 'a,b'])).toEqual({httpProxy: undefined, httpsProxy: undefined, noProxy: 'a,b', noDefaultNoProxy: false});
	});

	it('--no-proxy=a,b (equals) sets only the list', () => {
		expect(untouched(['apply', '--no-proxy=a,b'])).toEqual({httpProxy: undefined, httpsProxy: undefined, noProxy: 'a,b', noDefaultNoProxy: false});
	});

	it('--no-proxy keeps an = inside the value', () => {
		expect(parseOptions(['apply', '--no-proxy=a=b']).proxy.noProxy).toBe('a=b');
	});

	it('--no-default-no-proxy sets only its boolean', () => {
		expect(untouched(['apply', '--no-default-no-proxy'])).toEqual({httpProxy: undefined, httpsProxy: undefined, noProxy: undefined, noDefaultNoProxy: true});
	});

	it('both together, in either order, with the proxy flags', () => {
		for (const argv of [
			['apply', '--no-default-no-proxy', '--no-proxy', 'a', '--https-proxy', 'http://p:1'],
			['apply', '--https-proxy', 'http://p:1', '--no-proxy=a', '--no-default-no-proxy'],
		]) {
			expect(parseOptions(argv).proxy).toEqual({httpProxy: undefined, httpsProxy: 'http://p:1', noProxy: 'a', noDefaultNoProxy: true});
		}
	});

	it('--no-default-no-proxy takes an explicit true or false', () => {
		expect(parseOptions(['apply', '--no-default-no-proxy=true']).proxy.noDefaultNoProxy).toBe(true);
		expect(parseOptions(['apply', '--no-default-no-proxy=false']).proxy.noDefaultNoProxy).toBe(false);
	});

	it.each([['apply', '--no-proxy'], ['apply', '--no-proxy='], ['apply', '--no-proxy', '--yes']])('--no-proxy without a value is refused: %j', (...argv) => {
		const error = usageErrorOf(() => parseOptions(argv));
		expect(error.message).toBe('--no-proxy needs a value');
		expect(error.hint).toBe('e.g. --no-proxy .corp.example');
	});

	it.each(['status', 'remove'])('both apply only to apply, not %s', command => {
		for (const flags of [['--no-proxy', 'a'], ['--no-default-no-proxy']]) {
			const error = usageErrorOf(() => parseOptions([command, ...flags]));
			expect(error.message).toBe('--no-proxy and --no-default-no-proxy apply only to "apply"');
		}
	});

	it('the internal names they are renamed to are not flags', () => {
		expect(usageErrorOf(() => parseOptions(['apply', '--np-list', 'a'])).message).toBe('unknown flag: --np-list');
		expect(usageErrorOf(() => parseOptions(['apply', '--np-skip-defaults'])).message).toBe('unknown flag: --np-skip-defaults');
	});

	it('real negations of other flags are refused, not read as false', () => {
		for (const flag of ['--no-yes', '--no-dry-run', '--no-plain']) {
			expect(usageErrorOf(() => parseOptions(['apply', flag])).message).toBe(`unknown flag: ${flag}`);
		}
	});
});

describe('parseOptions: unknown flags', () => {
	it.each([
		['--contex', '--context'],
		['--kubeconfg', '--kubeconfig'],
		['--http-proxi', '--http-proxy'],
		['--dryrun', '--dry-run'],
		['--namespce', '--namespace'],
		['--NO-PROXY', '--no-proxy'],
		['--paralel', '--parallel'],
	])('%s suggests %s', (typo, suggestion) => {
		const error = usageErrorOf(() => parseOptions(['apply', typo]));
		expect(error.message).toBe(`unknown flag: ${typo}`);
		expect(error.hint).toBe(`Did you mean ${suggestion}? See 'kubectl proxyinject --help'.`);
	});

	it('names only the flag, never its value (which may hold a password)', () => {
		const error = usageErrorOf(() => parseOptions(['apply', '--https-proxyy=http://user:s3cret@proxy:3128']));
		expect(error.message).toBe('unknown flag: --https-proxyy');
		expect(`${error.message} ${error.hint}`).not.toContain('s3cret');
	});

	it('without a close flag, points to the help only', () => {
		const error = usageErrorOf(() => parseOptions(['status', '--completely-different']));
		expect(error.hint).toBe(`See 'kubectl proxyinject --help'.`);
	});

	it('camelCase spellings meow would accept are refused', () => {
		expect(usageErrorOf(() => parseOptions(['apply', '--httpsProxy', 'http://p:1'])).message).toBe('unknown flag: --httpsProxy');
	});

	it('does not check what follows --', () => {
		// The token after -- is a positional argument, refused as such rather than as a flag.
		expect(usageErrorOf(() => parseOptions(['status', '--', '--bogus'])).message).toBe('unexpected argument "--bogus"');
	});
});

describe('parseOptions: flags that do not apply to the command', () => {
	it.each([
		['status', '--https-proxy', 'http://p:1', '--https-proxy', 'apply'],
		['status', '--yes', undefined, '--yes', 'apply, remove'],
		['status', '--dry-run', undefined, '--dry-run', 'apply, remove'],
		['status', '--rollout', 'all', '--rollout', 'apply, remove'],
		['status', '--pause-image', 'x', '--pause-image', 'apply, remove'],
		['remove', '--http-proxy', 'http://p:1', '--http-proxy', 'apply'],
		['remove', '--nodes', 'a', '--nodes', 'apply, status'],
		['remove', '-l', 'a=b', '--selector', 'apply, status'],
	])('%s %s is refused', (command, flag, value, shown, users) => {
		const error = usageErrorOf(() => parseOptions([command, flag, ...(value === undefined ? [] : [value])]));
		expect(error.message).toBe(`${shown} does not apply to "${command}"`);
		expect(error.hint).toBe(`It is used by: ${users}. See 'kubectl proxyinject ${command} --help'.`);
	});

	it('-y on status is refused under its long name', () => {
		expect(usageErrorOf(() => parseOptions(['status', '-y'])).message).toBe('--yes does not apply to "status"');
	});

	it('an explicitly false boolean counts as not given', () => {
		expect(parseOptions(['status', '--yes=false']).yes).toBe(false);
	});

	it('the home command accepts every flag (it may lead to any screen)', () => {
		expect(parseOptions(['--https-proxy', 'http://p:1', '--parallel', '2', '--yes', '--nodes', 'a']).command).toBe('home');
	});

	it.each(['status', 'apply', 'remove'])('common flags apply to %s', command => {
		const options = parseOptions([command, '--kubeconfig', 'k', '--context', 'c', '-n', 'ns', '--plain', '--help']);
		expect(options.kube).toEqual({kubeconfig: 'k', context: 'c', namespace: 'ns'});
		expect(options.plain).toBe(true);
	});
});

describe('parseOptions: values', () => {
	it.each(['1', '2', '10', '007'])('--parallel %s is a whole number', value => {
		expect(parseOptions(['apply', '--parallel', value]).rollout.parallel).toBe(Number(value));
	});

	it.each(['0', '00', '1.5', '+3', 'two', '1e3', ' 2', '99999999999999999999'])('--parallel %j is refused', value => {
		const error = usageErrorOf(() => parseOptions(['apply', `--parallel=${value}`]));
		expect(error.message).toBe(`--parallel: "${value}" is not a whole number of at least 1`);
		expect(error.hint).toBe('e.g. --parallel 3');
	});

	it('--parallel -1 is read as a missing value followed by a number', () => {
		expect(usageErrorOf(() => parseOptions(['apply', '--parallel', '-1'])).message).toMatch(/--parallel/);
	});

	it.each([
		['90s', 90_000],
		['5m', 300_000],
		['1h30m', 5_400_000],
		['500ms', 500],
	])('--timeout %s is %d ms', (value, ms) => {
		expect(parseOptions(['remove', '--timeout', value]).rollout.timeoutMs).toBe(ms);
	});

	it.each(['5', '5M', '1m5', 'soon', '0s', '0m0s'])('--timeout %s is refused', value => {
		const error = usageErrorOf(() => parseOptions(['apply', '--timeout', value]));
		expect(error.message).toMatch(new RegExp(`^--timeout: "${value}" (is not a duration|must be longer than zero)$`));
		expect(error.hint).toContain('--timeout');
	});

	it.each(['node-by-node', 'all'])('--rollout %s', mode => {
		expect(parseOptions(['remove', '--rollout', mode]).rollout.mode).toBe(mode);
	});

	it.each(['fast', 'All', 'node_by_node', 'one'])('--rollout %s is refused', value => {
		const error = usageErrorOf(() => parseOptions(['apply', '--rollout', value]));
		expect(error.message).toBe(`--rollout: "${value}" is not one of node-by-node, all`);
		expect(error.hint).toBe('e.g. --rollout node-by-node');
	});

	it.each(['xml', 'WIDE', 'JSON', 'jsonpath'])('-o %s is refused for status', value => {
		const error = usageErrorOf(() => parseOptions(['status', '-o', value]));
		expect(error.message).toBe(`--output: "${value}" is not one of table, wide, json, yaml`);
	});

	it('-o wide is for status, not for --dry-run', () => {
		expect(parseOptions(['status', '-o', 'wide']).output).toBe('wide');
		expect(usageErrorOf(() => parseOptions(['apply', '--dry-run', '-o', 'wide'])).message).toBe('--output: "wide" is not one of yaml, json');
	});

	it('--dry-run output is yaml or json, not table', () => {
		expect(parseOptions(['apply', '--dry-run', '-o', 'yaml']).output).toBe('yaml');
		expect(parseOptions(['remove', '--dry-run', '-ojson']).output).toBe('json');
		const error = usageErrorOf(() => parseOptions(['apply', '--dry-run', '-o', 'table']));
		expect(error.message).toBe('--output: "table" is not one of yaml, json');
		expect(error.hint).toBe('e.g. --output yaml');
	});

	it.each([
		[['apply', '--https-proxy'], '--https-proxy needs a value', 'e.g. --https-proxy URL'],
		[['apply', '--http-proxy='], '--http-proxy needs a value', 'e.g. --http-proxy URL'],
		[['apply', '--https-proxy', '-y'], '--https-proxy needs a value', 'e.g. --https-proxy URL'],
		[['apply', '--parallel'], '--parallel needs a value', 'e.g. --parallel N'],
		[['apply', '--timeout'], '--timeout needs a value', 'e.g. --timeout DURATION'],
		[['apply', '--rollout'], '--rollout needs a value', 'e.g. --rollout MODE'],
		[['status', '-o'], '--output needs a value', 'e.g. --output FORMAT'],
		[['status', '-n'], '--namespace needs a value', 'e.g. --namespace NAME'],
		[['status', '-n='], '--namespace needs a value', 'e.g. --namespace NAME'],
		[['status', '-l'], '--selector needs a value', 'e.g. --selector SELECTOR'],
		[['--kubeconfig'], '--kubeconfig needs a value', 'e.g. --kubeconfig PATH'],
		[['--context', ''], '--context needs a value', 'e.g. --context NAME'],
		[['status', '--nodes'], '--nodes needs a value', 'e.g. --nodes NAMES'],
		[['apply', '--image'], '--image needs a value', 'e.g. --image IMAGE'],
	])('a missing value in %j is refused', (argv, message, hint) => {
		const error = usageErrorOf(() => parseOptions(argv));
		expect(error.message).toBe(message);
		expect(error.hint).toBe(hint);
	});

	it.each([
		['--yes=true', true],
		['--yes=1', true],
		['--yes=T', true],
		['--yes=false', false],
		['--yes=0', false],
		['-y=true', true],
		['-y=false', false],
	])('a boolean takes what kubectl accepts: %s', (token, value) => {
		expect(parseOptions(['apply', token]).yes).toBe(value);
	});

	it.each(['--dry-run=yes', '--yes=no', '--plain=on', '-y=sure'])('a boolean refuses %s rather than reading it as false', token => {
		const error = usageErrorOf(() => parseOptions(['apply', token]));
		expect(error.message).toMatch(/^--(dry-run|yes|plain): "\w+" is not true or false$/);
	});

	it('the last of repeated booleans wins, as in kubectl', () => {
		expect(parseOptions(['apply', '--dry-run', '--dry-run=false']).dryRun).toBe(false);
		expect(parseOptions(['apply', '-y', '--yes']).yes).toBe(true);
	});

	it.each([
		[['status', '--nodes', 'a', '--nodes', 'b'], '--nodes'],
		[['apply', '--no-proxy', 'a', '--no-proxy=b'], '--no-proxy'],
		[['status', '-n', 'a', '--namespace', 'b'], '--namespace'],
		[['status', '-ojson', '-o', 'yaml'], '--output'],
	])('a repeated value flag in %j is a usage error naming %s', (argv, flag) => {
		const error = usageErrorOf(() => parseOptions(argv));
		expect(error.message).toBe(`${flag} is given more than once`);
		expect(error.hint).toContain('comma-separated');
	});
});

describe('parseOptions: -n/--namespace is a DNS-1123 label', () => {
	it.each([['..'], ['.'], ['../kube-system'], ['Kube-System'], ['-ns'], ['ns-'], ['a_b'], ['a.b'], [`${'a'.repeat(64)}`], ['ns\u001B[2J'], ['%2e%2e']])('refuses %j before any call (exit 2)', value => {
		const error = usageErrorOf(() => parseOptions(['status', `--namespace=${value}`]));
		expect(error.message).toMatch(/^-n\/--namespace ".*": not a valid namespace name$/);
		expect(error.message).not.toMatch(/\p{Cc}/u);
		expect(error.hint).toContain('63');
	});

	it.each(['kube-system', 'a', '0', `${'a'.repeat(63)}`, 'proxy-system-2'])('accepts %j', value => {
		expect(parseOptions(['status', `--namespace=${value}`]).kube.namespace).toBe(value);
	});
});

describe('parseOptions: --watch', () => {
	it.each([['status', '-w'], ['status', '--watch'], ['-w'], ['status', '-ojson', '-w'], ['status', '-wojson']])('reads %j', (...argv) => {
		expect(parseOptions(argv).watch).toBe(true);
	});

	it('applies to status only', () => {
		const error = usageErrorOf(() => parseOptions(['apply', '-w']));
		expect(error.message).toBe('--watch does not apply to "apply"');
		expect(error.hint).toContain('status');
	});

	it('refuses --dry-run with it, saying which to drop', () => {
		const error = usageErrorOf(() => parseOptions(['--dry-run', '-w']));
		expect(error.message).toBe('-w/--watch and --dry-run do not go together: --dry-run prints objects once');
		expect(error.hint).toContain('kubectl proxyinject status -w');
	});
});

describe('parseOptions: --drain', () => {
	it('drains with a 5 minute budget per node unless --drain-timeout says otherwise', () => {
		expect(parseOptions(['apply', '--drain']).rollout.drainTimeoutMs).toBe(300_000);
		expect(parseOptions(['remove', '--drain', '--drain-timeout', '90s']).rollout.drainTimeoutMs).toBe(90_000);
		expect(parseOptions(['apply']).rollout.drainTimeoutMs).toBeUndefined();
	});

	it('refuses --drain-timeout without --drain, naming the value and the fix', () => {
		const error = usageErrorOf(() => parseOptions(['apply', '--drain-timeout', '2m']));
		expect(error.message).toBe('--drain-timeout 2m: only applies with --drain');
		expect(error.hint).toContain('Add --drain');
	});

	it('refuses a --drain-timeout that is no duration', () => {
		expect(usageErrorOf(() => parseOptions(['apply', '--drain', '--drain-timeout', 'soon'])).message).toBe('--drain-timeout: "soon" is not a duration');
	});

	it('refuses --drain with --rollout all: every node cordoned at once', () => {
		const error = usageErrorOf(() => parseOptions(['apply', '--drain', '--rollout', 'all']));
		expect(error.message).toContain('--drain with --rollout all');
		expect(error.hint).toContain('node-by-node');
	});

	it('applies to apply and remove, not status', () => {
		expect(usageErrorOf(() => parseOptions(['status', '--drain'])).message).toBe('--drain does not apply to "status"');
	});
});
