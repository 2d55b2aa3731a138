// A node on disk for the host scripts: a host root, a /proc, recording
// nsenter, systemctl and systemd-run stubs, and the pod's config and secret
// directories. Scripts run for real, with the shell under test.
//
// The scripts reach the host only through $PROXYINJECT_NSENTER, which points
// at the nsenter stub by its full path. Guards named nsenter, systemctl and
// systemd-run come first on PATH: a script that called one by name would
// reach them, and every run fails if a guard or an unknown command ran.
import {spawn, spawnSync} from 'node:child_process';
import {chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

export const scriptsDir = new URL('../../source/scripts/', import.meta.url).pathname;
const stubsDir = new URL('stubs/', import.meta.url).pathname;

export const marker = '# Managed by kubectl-proxyinject. Do not edit: changes are overwritten.';

export type Runtime = 'containerd' | 'docker' | 'cri-o';
export const unitOf: Record<Runtime, string> = {
	containerd: 'containerd.service',
	docker: 'docker.service',
	'cri-o': 'crio.service',
};

export type Shell = {name: string; command: string[]; available: boolean};

function runs(command: string, args: string[]): boolean {
	return spawnSync(command, args, {stdio: 'ignore'}).status === 0;
}

export const shells: Shell[] = [
	{name: 'sh', command: ['sh'], available: true},
	{name: 'busybox sh', command: ['busybox', 'sh'], available: runs('busybox', ['sh', '-c', 'true'])},
];

export type RunResult = {code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; seconds: number};

const guard = `#!/bin/sh
printf 'UNSTUBBED %s (found on PATH) %s\\n' "$(basename "$0")" "$*" >>"$FAKE_LOG"
echo "$(basename "$0") was called by name; the scripts must reach the host through PROXYINJECT_NSENTER" >&2
exit 97
`;

export type UnitState = {
	active?: boolean;
	/** What the loaded unit carries (systemctl show -p Environment). */
	loadedEnv?: string[];
	/** What the running main process carries (/proc/<pid>/environ). */
	processEnv?: string[];
	/** Drop-ins of the unit, by file name, that systemd loaded as they are on disk now. */
	dropIns?: string[];
	/** EnvironmentFile= values; a leading `-` makes the file optional, as in a unit. */
	envFiles?: string[];
	never?: boolean;
	missing?: boolean;
};

export function dropIn(env: Record<string, string>): string {
	const lines = Object.entries(env).map(([name, value]) => `Environment="${name}=${value.replaceAll('%', '%%')}"`);
	return [marker, '[Service]', ...lines, ''].join('\n');
}

export class FakeNode {
	readonly root = mkdtempSync(path.join(tmpdir(), 'proxyinject-node-'));
	readonly hostRoot = path.join(this.root, 'host');
	readonly procRoot = path.join(this.root, 'proc');
	readonly configDir = path.join(this.root, 'config');
	readonly secretDir = path.join(this.root, 'secret');
	readonly stateDir = path.join(this.root, 'state');
	readonly binDir = path.join(this.root, 'bin');
	readonly guardDir = path.join(this.root, 'guard');
	readonly systemdDir = path.join(this.hostRoot, 'etc/systemd/system');
	readonly logFile = path.join(this.root, 'calls.log');
	private readonly shell: Shell;
	private nextPid = 500;

	constructor(shell: Shell, options: {systemd?: boolean} = {}) {
		this.shell = shell;
		for (const dir of [this.hostRoot, this.procRoot, this.configDir, this.secretDir, this.stateDir, this.binDir, this.guardDir]) {
			mkdirSync(dir, {recursive: true});
		}
		if (options.systemd !== false) mkdirSync(this.systemdDir, {recursive: true});
		for (const stub of ['nsenter', 'systemctl', 'systemd-run']) {
			copyFileSync(path.join(stubsDir, stub), path.join(this.binDir, stub));
			chmodSync(path.join(this.binDir, stub), 0o755);
			writeFileSync(path.join(this.guardDir, stub), guard, {mode: 0o755});
		}
		writeFileSync(this.logFile, '');
		// pid 1 of the host; the scripts must not take it for a kubelet.
		this.process(1, ['/sbin/init', 'splash']);
	}

	/** Waits for transient restarts still running in the background, then deletes the node. */
	async remove(): Promise<void> {
		await this.transientsDone();
		rmSync(this.root, {recursive: true, force: true});
	}

	/** Resolves once no transient service started by the systemd-run stub runs any more. */
	async transientsDone(): Promise<void> {
		const deadline = Date.now() + 20_000;
		const running = () => readdirSync(this.stateDir).filter(name => name.startsWith('proxyinject-restart-') && name.endsWith('.active'));
		while (running().length > 0) {
			if (Date.now() > deadline) throw new Error(`transient services still running: ${running().join(', ')}`);
			await new Promise(resolve => setTimeout(resolve, 50));
		}
	}

	envFilePath(unit: string): string {
		return path.join(this.systemdDir, `${unit}.d`, 'http-proxy.env');
	}

	/** The hidden files of kubectl-proxyinject on the host: restart records and saved drop-ins. */
	stateFiles(): string[] {
		const dir = path.join(this.systemdDir, '.proxyinject');
		return existsSync(dir) ? readdirSync(dir).sort() : [];
	}

	/** What restart-runtime.sh printed, for failing tests. */
	transientLog(): string {
		return existsSync(`${this.logFile}.transient`) ? readFileSync(`${this.logFile}.transient`, 'utf8') : '';
	}

	/** The node's runtime as the API server reports it, in the config map's node-runtimes. */
	nodeRuntimes(entries: Record<string, string>): void {
		writeFileSync(path.join(this.configDir, 'node-runtimes'), Object.entries(entries).map(([node, runtime]) => `${node} ${runtime}\n`).join(''));
	}

	/** kubelet.service with its main process. */
	kubelet(argv: string[], options: {uid?: number} = {}): void {
		const pid = this.nextPid++;
		this.process(pid, argv, [], options.uid);
		writeFileSync(path.join(this.stateDir, 'kubelet.service.pid'), `${pid}\n`);
		writeFileSync(path.join(this.stateDir, 'kubelet.service.active'), '');
	}

	/** A state flag of the systemctl stub, e.g. `kills` or `fails-with` (see the stub). */
	unitFlag(unit: string, flag: string, content = ''): void {
		writeFileSync(path.join(this.stateDir, `${unit}.${flag}`), content);
	}

	dropInPath(unit: string): string {
		return path.join(this.hostRoot, 'etc/systemd/system', `${unit}.d`, 'http-proxy.conf');
	}

	writeDropIn(unit: string, content: string): void {
		mkdirSync(path.dirname(this.dropInPath(unit)), {recursive: true});
		writeFileSync(this.dropInPath(unit), content);
	}

	readDropIn(unit: string): string {
		return readFileSync(this.dropInPath(unit), 'utf8');
	}

	hasDropIn(unit: string): boolean {
		return existsSync(this.dropInPath(unit));
	}

	config(content: string): void {
		writeFileSync(path.join(this.configDir, 'http-proxy.conf'), content);
	}

	secret(content: string): void {
		writeFileSync(path.join(this.secretDir, 'http-proxy.conf'), content);
	}

	/** A host process as /proc shows it: NUL-separated argv, its uids in status. */
	process(pid: number, argv: string[], environ: string[] = [], uid = 0): void {
		const dir = path.join(this.procRoot, String(pid));
		mkdirSync(dir, {recursive: true});
		writeFileSync(path.join(dir, 'status'), `Name:\t${path.basename(argv[0] ?? '')}\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\n`);
		writeFileSync(path.join(dir, 'cmdline'), argv.map(arg => `${arg}\0`).join(''));
		writeFileSync(path.join(dir, 'environ'), environ.map(entry => `${entry}\0`).join(''));
	}

	hostFile(hostPath: string, content: string): void {
		const file = path.join(this.hostRoot, hostPath);
		mkdirSync(path.dirname(file), {recursive: true});
		writeFileSync(file, content);
	}

	unit(unit: string, state: UnitState): void {
		const file = (suffix: string) => path.join(this.stateDir, `${unit}.${suffix}`);
		const flag = (suffix: string, on: boolean | undefined) => {
			if (on) writeFileSync(file(suffix), '');
			else rmSync(file(suffix), {force: true});
		};
		flag('active', state.active);
		flag('never', state.never);
		flag('missing', state.missing);
		writeFileSync(file('env'), (state.loadedEnv ?? []).map(entry => `${entry}\n`).join(''));
		const dropInDir = path.join('/etc/systemd/system', `${unit}.d`);
		const dropIns = state.dropIns ?? [];
		writeFileSync(file('dropins'), dropIns.map(name => `${path.join(dropInDir, name)}\n`).join(''));
		rmSync(file('loaded'), {recursive: true, force: true});
		mkdirSync(file('loaded'));
		for (const name of dropIns) copyFileSync(path.join(this.hostRoot, dropInDir, name), path.join(file('loaded'), name));
		writeFileSync(file('envfiles'), (state.envFiles ?? []).map(entry => `${entry}\n`).join(''));
		const pid = this.nextPid++;
		this.process(pid, [`/usr/bin/${unit.replace('.service', '')}`], ['PATH=/usr/bin:/bin', ...(state.processEnv ?? state.loadedEnv ?? [])]);
		writeFileSync(file('pid'), `${pid}\n`);
	}

	/** systemd's own environment (DefaultEnvironment=, set-environment), as show-environment prints it. */
	managerEnv(lines: string[]): void {
		writeFileSync(path.join(this.stateDir, 'manager.env'), lines.map(line => `${line}\n`).join(''));
	}

	mainPid(unit: string): number {
		return Number(readFileSync(path.join(this.stateDir, `${unit}.pid`), 'utf8'));
	}

	/** The environment of the unit's main process as it is now. */
	runningEnv(unit: string): string[] {
		return readFileSync(path.join(this.procRoot, String(this.mainPid(unit)), 'environ'), 'utf8').split('\0').filter(Boolean);
	}

	/** Lines the stubs recorded, e.g. `systemctl restart containerd.service`. */
	calls(): string[] {
		return readFileSync(this.logFile, 'utf8').split('\n').filter(Boolean);
	}

	/** systemctl calls of one verb, whether the script or the transient restart service made them. */
	systemctlCalls(verb: string): string[] {
		return this.calls()
			.map(line => line.replace(/^transient: /, ''))
			.filter(line => line.startsWith(`systemctl ${verb} `) || line === `systemctl ${verb}`);
	}

	clearCalls(): void {
		writeFileSync(this.logFile, '');
	}

	/**
	 * Runs a script as its container would, in a process group of its own
	 * (the systemctl stub kills that group when a docker restart stops every
	 * container). Rejects when anything but a stub was asked to act on the host.
	 */
	async run(script: 'inject.sh' | 'remove.sh', env: Record<string, string> = {}, onStdout?: (stdout: string) => void): Promise<RunResult> {
		const result = await this.spawnScript(path.join(scriptsDir, script), env, [], onStdout);
		const unstubbed = this.calls().filter(line => line.startsWith('UNSTUBBED '));
		if (unstubbed.length > 0) throw new Error(`${script} reached past the stubs:\n${unstubbed.join('\n')}`);
		return result;
	}

	spawnScript(file: string, env: Record<string, string> = {}, args: string[] = [], onStdout?: (stdout: string) => void): Promise<RunResult> {
		const [command, ...shellArgs] = this.shell.command;
		const started = performance.now();
		const child = spawn(command!, [...shellArgs, file, ...args], {
			cwd: this.root,
			detached: true,
			env: {
				PATH: `${this.guardDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
				PROXYINJECT_NSENTER: path.join(this.binDir, 'nsenter'),
				FAKE_BIN: this.binDir,
				HOST_ROOT: this.hostRoot,
				PROC_ROOT: this.procRoot,
				NODE_NAME: 'node-1',
				PROXYINJECT_CONFIG_DIR: this.configDir,
				PROXYINJECT_SECRET_DIR: this.secretDir,
				PROXYINJECT_DROP_IN: 'http-proxy.conf',
				PROXYINJECT_RUNTIME: '',
				PROXYINJECT_TIMEOUT: '5',
				FAKE_LOG: this.logFile,
				FAKE_STATE: this.stateDir,
				FAKE_HOST: this.hostRoot,
				FAKE_PROC: this.procRoot,
				...env,
			},
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			onStdout?.(stdout);
		});
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		return new Promise((resolve, reject) => {
			child.on('error', reject);
			child.on('close', (code, signal) => resolve({code, signal, stdout, stderr, seconds: (performance.now() - started) / 1000}));
		});
	}
}
