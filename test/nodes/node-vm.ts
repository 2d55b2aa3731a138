// One real node: a QEMU guest (software emulation) booting the cached node
// image through a fresh copy-on-write overlay, with real systemd, the chosen
// runtime and a kubelet that joins the test cluster. Its network reaches
// nothing (restrict=on) except the host ports forwarded to 10.0.2.100: the API
// server and the test proxies. The kubelet's port is forwarded to a loopback
// port of the host for the API server's egress proxy.

import {spawn} from 'node:child_process';
import {createHash} from 'node:crypto';
import {copyFile, link, mkdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {run} from '../cluster/run.ts';
import {waitFor} from '../cluster/wait-for.ts';
import {guestAnswers, guestExec, type GuestResult} from './guest-agent.ts';
import type {NodeImage} from './node-image.ts';

export type NodeRuntime = 'containerd' | 'docker';

/** Where the guest reaches the host's services. */
export const hostAddressInGuest = '10.0.2.100';
export const guestPorts = {apiserver: 6443, proxy: 3128, authProxy: 3129, interceptProxy: 3130} as const;
export const kubeletPort = 10_250;

export type VmSpec = {
	readonly name: string;
	readonly runtime: NodeRuntime;
	readonly image: NodeImage;
	readonly kubelet: string;
	/** The kubelet's kubeconfig, already pointing at the guest's view of the API server. */
	readonly kubeconfig: string;
	/** Folder of this VM's files; the cluster's folder, so its clean-up finds them. */
	readonly dir: string;
	readonly pidsDir: string;
	readonly hostPorts: {readonly apiserver: number; readonly proxy: number; readonly authProxy: number; readonly interceptProxy: number; readonly kubelet: number};
	readonly memoryMb?: number;
};

export type NodeVm = {
	readonly name: string;
	readonly runtime: NodeRuntime;
	readonly consoleLog: string;
	/** Runs argv as root in the guest (no shell unless argv asks for one). */
	exec(argv: readonly string[], timeoutMs?: number): Promise<GuestResult>;
	/** Reboots the guest (same disk); resolves once its agent answers again. */
	reboot(timeoutMs?: number): Promise<void>;
};

export function pidFileOf(pidsDir: string, name: string): string {
	return join(pidsDir, `real-node-${name}.pid`);
}

/** Unix socket paths are short (108 bytes): the agent socket lives in a short temporary path. */
function agentSocket(dir: string): string {
	return join(tmpdir(), `pi-qga-${createHash('sha256').update(dir).digest('hex').slice(0, 16)}.sock`);
}

export async function startVm(spec: VmSpec): Promise<NodeVm> {
	const cfg = join(spec.dir, 'cfg');
	await rm(spec.dir, {recursive: true, force: true});
	await mkdir(cfg, {recursive: true});
	await link(spec.kubelet, join(cfg, 'kubelet')).catch(async () => copyFile(spec.kubelet, join(cfg, 'kubelet')));
	await writeFile(join(cfg, 'kubelet.conf'), spec.kubeconfig, {mode: 0o600});
	await writeFile(join(cfg, 'node.env'), `NODE_NAME=${spec.name}\n`);
	await writeFile(join(cfg, 'nodename'), `${spec.name}\n`);
	await writeFile(join(cfg, 'runtime'), `${spec.runtime}\n`);
	const overlay = join(spec.dir, 'overlay.qcow2');
	const created = await run('qemu-img', ['create', '-q', '-f', 'qcow2', '-b', spec.image.disk, '-F', 'raw', overlay]);
	if (created.code !== 0) {
		throw new Error(`qemu-img create: ${created.stderr.trim()}`);
	}

	const socket = agentSocket(spec.dir);
	await rm(socket, {force: true});
	const consoleLog = join(spec.dir, 'console.log');
	const forward = (guestPort: number, hostPort: number) =>
		`guestfwd=tcp:${hostAddressInGuest}:${guestPort}-cmd:socat - TCP:127.0.0.1:${hostPort}`;
	const netdev = [
		'user,id=n0,restrict=on',
		`hostfwd=tcp:127.0.0.1:${spec.hostPorts.kubelet}-:${kubeletPort}`,
		forward(guestPorts.apiserver, spec.hostPorts.apiserver),
		forward(guestPorts.proxy, spec.hostPorts.proxy),
		forward(guestPorts.authProxy, spec.hostPorts.authProxy),
		forward(guestPorts.interceptProxy, spec.hostPorts.interceptProxy),
	].join(',');
	const args = [
		'-accel', 'tcg,thread=multi', '-cpu', 'max', '-smp', '2', '-m', String(spec.memoryMb ?? 1536),
		'-display', 'none', '-daemonize', '-pidfile', pidFileOf(spec.pidsDir, spec.name),
		'-kernel', spec.image.kernel, '-initrd', spec.image.initrd,
		'-append', 'root=/dev/vda rw console=ttyS0 net.ifnames=0 systemd.unified_cgroup_hierarchy=1',
		'-drive', `file=${overlay},if=virtio,format=qcow2`,
		'-virtfs', `local,path=${cfg},mount_tag=cfg,security_model=none,id=cfg,readonly=on`,
		'-netdev', netdev, '-device', 'virtio-net-pci,netdev=n0',
		'-chardev', `socket,id=qga0,path=${socket},server=on,wait=off`,
		'-device', 'virtio-serial-pci', '-device', 'virtserialport,chardev=qga0,name=org.qemu.guest_agent.0',
		'-serial', `file:${consoleLog}`,
	];
	const started = await runDetached('qemu-system-x86_64', args);
	if (started.code !== 0) {
		throw new Error(`qemu-system-x86_64 did not start ${spec.name}: ${started.stderr.trim()}`);
	}

	const exec = (argv: readonly string[], timeoutMs?: number) => guestExec(socket, argv, timeoutMs);
	return {
		name: spec.name,
		runtime: spec.runtime,
		consoleLog,
		exec,
		async reboot(timeoutMs = 300_000) {
			const bootId = (await exec(['cat', '/proc/sys/kernel/random/boot_id'])).stdout.trim();
			// The agent dies with the guest: the reply may never come.
			await exec(['systemctl', 'reboot'], 10_000).catch(() => undefined);
			await waitFor(async () => {
				if (!(await guestAnswers(socket))) {
					return undefined;
				}

				const now = await exec(['cat', '/proc/sys/kernel/random/boot_id'], 10_000).catch(() => undefined);
				return now && now.code === 0 && now.stdout.trim() !== bootId ? true : undefined;
			}, {what: `${spec.name} to come back after a reboot`, timeoutMs, pollMs: 2000});
		},
	};
}

/** Connects to the agent of a VM started earlier (by another process). */
export function attachVm(name: string, runtime: NodeRuntime, dir: string): NodeVm {
	const socket = agentSocket(dir);
	const exec = (argv: readonly string[], timeoutMs?: number) => guestExec(socket, argv, timeoutMs);
	return {
		name,
		runtime,
		consoleLog: join(dir, 'console.log'),
		exec,
		async reboot() {
			throw new Error('reboot needs the VM handle of the process that started it');
		},
	};
}

export async function waitForAgent(vm: NodeVm, dir: string, timeoutMs: number): Promise<void> {
	const socket = agentSocket(dir);
	await waitFor(async () => ((await guestAnswers(socket)) ? true : undefined), {
		what: `the guest agent of ${vm.name}`,
		timeoutMs,
		pollMs: 2000,
	}, () => `its console log is ${vm.consoleLog}`);
}

/** QEMU with -daemonize returns once the guest runs; its parent exits. */
function runDetached(command: string, args: readonly string[]): Promise<{code: number; stderr: string}> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {stdio: ['ignore', 'ignore', 'pipe']});
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
		});
		child.once('error', reject);
		child.once('exit', code => resolve({code: code ?? 1, stderr}));
	});
}
