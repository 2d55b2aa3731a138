import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {delimiter, join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {loadKubeconfig} from '../../source/cluster/load-kubeconfig.ts';
import {OperationError, UsageError} from '../../source/errors.ts';

type Entry = {name: string; server?: string; user?: string; cluster?: string};

/** A kubeconfig in YAML; clusters and users named after their context unless told otherwise. */
function kubeconfig(options: {current?: string; contexts?: Entry[]; clusters?: Entry[]; users?: string[]; extra?: string}): string {
	const lines = ['apiVersion: v1', 'kind: Config'];
	if (options.current !== undefined) {
		lines.push(`current-context: ${options.current}`);
	}

	lines.push('clusters:', ...(options.clusters ?? []).flatMap(cluster => [`- name: ${cluster.name}`, '  cluster:', `    server: ${cluster.server}`]));
	lines.push('users:', ...(options.users ?? []).flatMap(user => [`- name: ${user}`, '  user:', '    token: t0ken']));
	lines.push('contexts:', ...(options.contexts ?? []).flatMap(context => [`- name: ${context.name}`, '  context:', `    cluster: ${context.cluster ?? context.name}`, `    user: ${context.user ?? context.name}`]));
	return `${lines.join('\n')}\n${options.extra ?? ''}`;
}

let root: string;
let home: string;

function write(name: string, text: string): string {
	const path = join(root, name);
	mkdirSync(join(path, '..'), {recursive: true});
	writeFileSync(path, text);
	return path;
}

function thrown(run: () => unknown): Error {
	try {
		run();
	} catch (error) {
		return error as Error;
	}

	throw new Error('expected an error');
}

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'kubeconfig-load-'));
	home = join(root, 'home');
	mkdirSync(home);
});

afterEach(() => {
	vi.unstubAllEnvs();
	rmSync(root, {recursive: true, force: true});
});

const one = kubeconfig({current: 'dev', contexts: [{name: 'dev'}, {name: 'prod'}], clusters: [{name: 'dev', server: 'https://dev.example:6443'}, {name: 'prod', server: 'https://prod.example:6443'}], users: ['dev', 'prod']});

describe('loadKubeconfig: which files', () => {
	it('--kubeconfig names the one file read', () => {
		const path = write('kc.yaml', one);
		const loaded = loadKubeconfig({kubeconfig: path}, {HOME: home, KUBECONFIG: join(root, 'other')});
		expect(loaded.context).toBe('dev');
		expect(loaded.server).toBe('https://dev.example:6443');
		expect(loaded.config.getCurrentUser()?.token).toBe('t0ken');
	});

	it('a missing --kubeconfig file is a usage error naming it', () => {
		const missing = join(root, 'nope.yaml');
		const error = thrown(() => loadKubeconfig({kubeconfig: missing}, {HOME: home}));
		expect(error).toBeInstanceOf(UsageError);
		expect(error.message).toBe(`--kubeconfig: file "${missing}" does not exist`);
		expect((error as UsageError).hint).toBeTruthy();
	});

	it('--kubeconfig does not fall back to KUBECONFIG or home when missing', () => {
		write('home/.kube/config', one);
		const env = {HOME: home, KUBECONFIG: write('env.yaml', one)};
		expect(thrown(() => loadKubeconfig({kubeconfig: join(root, 'nope')}, env))).toBeInstanceOf(UsageError);
	});

	it('reads ~/.kube/config from the HOME it is given', () => {
		write('home/.kube/config', one);
		expect(loadKubeconfig({}, {HOME: home}).context).toBe('dev');
	});

	it('takes the home directory as a parameter too', () => {
		write('elsewhere/.kube/config', one);
		expect(loadKubeconfig({}, {}, join(root, 'elsewhere')).server).toBe('https://dev.example:6443');
	});

	it('KUBECONFIG wins over ~/.kube/config', () => {
		write('home/.kube/config', kubeconfig({current: 'home', contexts: [{name: 'home'}], clusters: [{name: 'home', server: 'https://home:1'}], users: ['home']}));
		const env = {HOME: home, KUBECONFIG: write('env.yaml', one)};
		expect(loadKubeconfig({}, env).context).toBe('dev');
	});

	it('merges two KUBECONFIG files: the second one defines the context the first one selects', () => {
		const first = write('first.yaml', kubeconfig({current: 'team'}));
		const second = write('second.yaml', kubeconfig({current: 'ignored', contexts: [{name: 'team'}, {name: 'ignored'}], clusters: [{name: 'team', server: 'https://team.example'}, {name: 'ignored', server: 'https://ignored.example'}], users: ['team', 'ignored']}));
		const loaded = loadKubeconfig({}, {HOME: home, KUBECONFIG: [first, second].join(delimiter)});
		expect(loaded.context).toBe('team');
		expect(loaded.server).toBe('https://team.example');
	});

	it('the first file to define a name wins', () => {
		const first = write('first.yaml', kubeconfig({current: 'dev', contexts: [{name: 'dev'}], clusters: [{name: 'dev', server: 'https://first.example'}], users: ['dev']}));
		const second = write('second.yaml', kubeconfig({current: 'dev', contexts: [{name: 'dev'}], clusters: [{name: 'dev', server: 'https://second.example'}], users: ['dev']}));
		expect(loadKubeconfig({}, {HOME: home, KUBECONFIG: [first, second].join(delimiter)}).server).toBe('https://first.example');
		expect(loadKubeconfig({}, {HOME: home, KUBECONFIG: [second, first].join(delimiter)}).server).toBe('https://second.example');
	});

	it('ignores KUBECONFIG entries that do not exist', () => {
		const real = write('real.yaml', one);
		const env = {HOME: home, KUBECONFIG: [join(root, 'missing-1'), real, join(root, 'missing-2')].join(delimiter)};
		expect(loadKubeconfig({}, env).context).toBe('dev');
	});

	it('reads an empty file as an empty config, as kubectl does', () => {
		const empty = write('empty.yaml', '');
		const real = write('real.yaml', one);
		expect(loadKubeconfig({}, {HOME: home, KUBECONFIG: [empty, real].join(delimiter)}).context).toBe('dev');
	});

	it('a file that is not a kubeconfig is an operation error naming it', () => {
		const broken = write('broken.yaml', 'clusters: [\n');
		const error = thrown(() => loadKubeconfig({kubeconfig: broken}, {HOME: home}));
		expect(error).toBeInstanceOf(OperationError);
		expect(error.message).toContain(`cannot read kubeconfig ${broken}`);
	});
});

describe('loadKubeconfig: no configuration at all', () => {
	it('is an operation error, never a silent localhost', () => {
		const error = thrown(() => loadKubeconfig({}, {HOME: home}));
		expect(error).toBeInstanceOf(OperationError);
		expect(error.message).toBe(`no kubeconfig: ${join(home, '.kube', 'config')} does not exist and KUBECONFIG is not set`);
		expect((error as OperationError).hint).toContain('--kubeconfig');
	});

	it('names the KUBECONFIG files when none of them exists', () => {
		const paths = [join(root, 'a'), join(root, 'b')];
		const error = thrown(() => loadKubeconfig({}, {HOME: home, KUBECONFIG: paths.join(delimiter)}));
		expect(error).toBeInstanceOf(OperationError);
		expect(error.message).toBe(`no kubeconfig: none of the files in KUBECONFIG (${paths.join(', ')}) exists`);
	});

	it('an empty file leaves no current context: an operation error', () => {
		const error = thrown(() => loadKubeconfig({kubeconfig: write('empty.yaml', '\n')}, {HOME: home}));
		expect(error).toBeInstanceOf(OperationError);
		expect(error.message).toBe('the kubeconfig has no current context');
	});

	it('inside a pod, uses the service account', () => {
		const env = {HOME: home, KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443'};
		// The client reads the service address from process.env itself.
		vi.stubEnv('KUBERNETES_SERVICE_HOST', env.KUBERNETES_SERVICE_HOST);
		vi.stubEnv('KUBERNETES_SERVICE_PORT', env.KUBERNETES_SERVICE_PORT);
		const loaded = loadKubeconfig({}, env);
		expect(loaded.server).toBe('https://10.96.0.1:443');
		expect(loaded.context).toBe('inClusterContext');
	});

	it('a service host without a port is not enough to assume a pod', () => {
		expect(thrown(() => loadKubeconfig({}, {HOME: home, KUBERNETES_SERVICE_HOST: '10.96.0.1'}))).toBeInstanceOf(OperationError);
	});
});

describe('loadKubeconfig: --context', () => {
	it('switches to a known context', () => {
		const loaded = loadKubeconfig({kubeconfig: write('kc.yaml', one), context: 'prod'}, {HOME: home});
		expect(loaded.context).toBe('prod');
		expect(loaded.server).toBe('https://prod.example:6443');
		expect(loaded.config.getCurrentContext()).toBe('prod');
	});

	it('an unknown context is a usage error listing the known ones', () => {
		const error = thrown(() => loadKubeconfig({kubeconfig: write('kc.yaml', one), context: 'staging'}, {HOME: home}));
		expect(error).toBeInstanceOf(UsageError);
		expect(error.message).toBe('--context: context "staging" is not in the kubeconfig');
		expect((error as UsageError).hint).toBe('Known contexts: dev, prod.');
	});

	it('lists contexts from every merged file', () => {
		const first = write('a.yaml', kubeconfig({contexts: [{name: 'a'}], clusters: [{name: 'a', server: 'https://a'}], users: ['a']}));
		const second = write('b.yaml', kubeconfig({contexts: [{name: 'b'}], clusters: [{name: 'b', server: 'https://b'}], users: ['b']}));
		const env = {HOME: home, KUBECONFIG: [first, second].join(delimiter)};
		expect((thrown(() => loadKubeconfig({context: 'c'}, env)) as UsageError).hint).toBe('Known contexts: a, b.');
		expect(loadKubeconfig({context: 'b'}, env).server).toBe('https://b');
	});

	it('says so when the kubeconfig defines no contexts', () => {
		const error = thrown(() => loadKubeconfig({kubeconfig: write('kc.yaml', kubeconfig({})), context: 'x'}, {HOME: home}));
		expect(error).toBeInstanceOf(UsageError);
		expect((error as UsageError).hint).toBe('The kubeconfig defines no contexts.');
	});

	it('a current context that is not defined is an operation error', () => {
		const error = thrown(() => loadKubeconfig({kubeconfig: write('kc.yaml', kubeconfig({current: 'gone', contexts: [{name: 'dev'}], clusters: [{name: 'dev', server: 'https://dev'}], users: ['dev']}))}, {HOME: home}));
		expect(error).toBeInstanceOf(OperationError);
		expect((error as OperationError).hint).toContain('--context');
	});

	it('a context whose cluster is missing is an operation error', () => {
		const error = thrown(() => loadKubeconfig({kubeconfig: write('kc.yaml', kubeconfig({current: 'dev', contexts: [{name: 'dev', cluster: 'nowhere'}], users: ['dev']}))}, {HOME: home}));
		expect(error).toBeInstanceOf(OperationError);
		expect(error.message).toBe('context "dev" names no cluster with a server');
	});
});

describe('loadKubeconfig: relative certificate paths', () => {
	it('resolves them relative to the file that names them', () => {
		const certs = (dir: string, name: string) => write(`${dir}/kc.yaml`, [
			'apiVersion: v1',
			'kind: Config',
			`current-context: ${name}`,
			'clusters:',
			`- name: ${name}`,
			'  cluster:',
			`    server: https://${name}.example`,
			'    certificate-authority: certs/ca.crt',
			'users:',
			`- name: ${name}`,
			'  user:',
			'    client-certificate: certs/client.crt',
			'    client-key: ../keys/client.key',
			'contexts:',
			`- name: ${name}`,
			'  context:',
			`    cluster: ${name}`,
			`    user: ${name}`,
			'',
		].join('\n'));
		const first = certs('one', 'first');
		const second = certs('two/deeper', 'second');
		const {config} = loadKubeconfig({}, {HOME: home, KUBECONFIG: [first, second].join(delimiter)});
		expect(config.getCluster('first')?.caFile).toBe(join(root, 'one', 'certs', 'ca.crt'));
		expect(config.getCluster('second')?.caFile).toBe(join(root, 'two', 'deeper', 'certs', 'ca.crt'));
		expect(config.getUser('first')?.certFile).toBe(join(root, 'one', 'certs', 'client.crt'));
		expect(config.getUser('second')?.keyFile).toBe(join(root, 'two', 'keys', 'client.key'));
	});

	it('leaves absolute paths alone', () => {
		const path = write('kc.yaml', one.replace('server: https://dev.example:6443', 'server: https://dev.example:6443\n    certificate-authority: /etc/ca.crt'));
		expect(loadKubeconfig({kubeconfig: path}, {HOME: home}).config.getCurrentCluster()?.caFile).toBe('/etc/ca.crt');
	});
});
