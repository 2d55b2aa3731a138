// Runs commands as root inside a node VM through the QEMU guest agent, over
// the VM's virtio-serial socket: no network, no SSH keys. One command at a
// time per socket (the agent serves one client), so calls are queued.

import {createConnection, type Socket} from 'node:net';
import {waitFor} from '../cluster/wait-for.ts';

export type GuestResult = {code: number; stdout: string; stderr: string};

type Reply = {return?: unknown; error?: {desc?: string}};

const queues = new Map<string, Promise<unknown>>();

/** argv[0] is looked up on the guest's PATH by /bin/sh; output is UTF-8 text. */
export function guestExec(socketPath: string, argv: readonly string[], timeoutMs = 120_000): Promise<GuestResult> {
	const previous = queues.get(socketPath) ?? Promise.resolve();
	const next = previous.catch(() => {}).then(async () => execOnce(socketPath, argv, timeoutMs));
	queues.set(socketPath, next);
	return next;
}

/** True once the agent in the guest answers (the guest has booted that far). */
export async function guestAnswers(socketPath: string): Promise<boolean> {
	try {
		const session = await AgentSession.open(socketPath, 5000);
		session.close();
		return true;
	} catch {
		return false;
	}
}

async function execOnce(socketPath: string, argv: readonly string[], timeoutMs: number): Promise<GuestResult> {
	const session = await AgentSession.open(socketPath, 15_000);
	try {
		const started = await session.call('guest-exec', {path: '/usr/bin/env', arg: [...argv], 'capture-output': true}) as {pid: number};
		type Status = {exited: boolean; exitcode?: number; signal?: number; 'out-data'?: string; 'err-data'?: string};
		const status = await waitFor(async () => {
			const answer = await session.call('guest-exec-status', {pid: started.pid}) as Status;
			return answer.exited ? answer : undefined;
		}, {what: `"${argv.join(' ')}" to finish in the guest`, timeoutMs, pollMs: 200});
		return {
			code: status.exitcode ?? 128 + (status.signal ?? 0),
			stdout: Buffer.from(status['out-data'] ?? '', 'base64').toString('utf8'),
			stderr: Buffer.from(status['err-data'] ?? '', 'base64').toString('utf8'),
		};
	} finally {
		session.close();
	}
}

class AgentSession {
	static async open(socketPath: string, timeoutMs: number): Promise<AgentSession> {
		const socket = await new Promise<Socket>((resolve, reject) => {
			const connection = createConnection(socketPath, () => resolve(connection));
			connection.once('error', reject);
		});
		const session = new AgentSession(socket);
		try {
			// Replies left over from an earlier client are skipped by the sync id.
			const id = Math.floor(Math.random() * 2 ** 31);
			const answer = await session.call('guest-sync', {id}, timeoutMs, reply => reply.return === id);
			if (answer !== id) {
				throw new Error('the guest agent did not sync');
			}
		} catch (error) {
			session.close();
			throw error;
		}

		return session;
	}

	private buffer = '';
	private readonly waiting: Array<(line: string) => void> = [];
	private readonly lines: string[] = [];
	private readonly socket: Socket;

	private constructor(socket: Socket) {
		this.socket = socket;
		socket.setEncoding('utf8');
		socket.on('data', (chunk: string) => {
			this.buffer += chunk;
			let newline;
			while ((newline = this.buffer.indexOf('\n')) >= 0) {
				const line = this.buffer.slice(0, newline).replace(/^\xff/, '').trim();
				this.buffer = this.buffer.slice(newline + 1);
				if (line !== '') {
					const waiter = this.waiting.shift();
					if (waiter) {
						waiter(line);
					} else {
						this.lines.push(line);
					}
				}
			}
		});
		socket.on('error', () => {});
	}

	async call(command: string, args: unknown, timeoutMs = 30_000, accept: (reply: Reply) => boolean = () => true): Promise<unknown> {
		this.socket.write(`${JSON.stringify({execute: command, arguments: args})}\n`);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const line = await this.nextLine(deadline - Date.now(), command);
			let reply: Reply;
			try {
				reply = JSON.parse(line) as Reply;
			} catch {
				continue;
			}

			if (!accept(reply)) {
				continue;
			}

			if (reply.error) {
				throw new Error(`guest agent ${command}: ${reply.error.desc ?? 'error'}`);
			}

			return reply.return;
		}
	}

	close(): void {
		this.socket.destroy();
	}

	private nextLine(timeoutMs: number, command: string): Promise<string> {
		const ready = this.lines.shift();
		if (ready !== undefined) {
			return Promise.resolve(ready);
		}

		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				const index = this.waiting.indexOf(take);
				if (index >= 0) {
					this.waiting.splice(index, 1);
				}

				reject(new Error(`guest agent: no answer to ${command} within ${Math.max(0, timeoutMs)} ms`));
			}, Math.max(0, timeoutMs));
			const take = (line: string) => {
				clearTimeout(timer);
				resolve(line);
			};

			this.waiting.push(take);
		});
	}
}
