// A real HTTP CONNECT proxy on loopback for tests: the API client's traffic
// goes through it byte for byte. It records each tunnel it was asked for,
// can refuse them all (as a proxy that denies the destination does), and can
// resolve host names itself, so that a test proves the client went through
// it: the client alone cannot resolve those names.

import {createServer, type IncomingMessage, type Server} from 'node:http';
import {connect, type AddressInfo, type Socket} from 'node:net';

export type ConnectProxy = {
	readonly url: string;
	readonly port: number;
	/** `host:port` of every CONNECT received, in order. */
	readonly tunnels: readonly string[];
	/** Proxy-Authorization headers received (empty string when absent). */
	readonly authorizations: readonly string[];
	close(): Promise<void>;
};

export type ConnectProxyOptions = {
	/** Answer every CONNECT with this status instead of tunnelling (e.g. 403). */
	readonly refuseWith?: number;
	/** Host names only the proxy knows, e.g. {'apiserver.proxied.test': '127.0.0.1'}. */
	readonly hosts?: Readonly<Record<string, string>>;
};

export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
	const tunnels: string[] = [];
	const authorizations: string[] = [];
	const sockets = new Set<Socket>();
	const server: Server = createServer((_request, response) => {
		response.writeHead(405, {'content-type': 'text/plain'}).end('only CONNECT is supported\n');
	});
	server.on('connection', socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		// A client dropping its connection (after a refused CONNECT, say) is no test failure.
		socket.on('error', () => socket.destroy());
	});
	server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
		const target = request.url ?? '';
		tunnels.push(target);
		authorizations.push(request.headers['proxy-authorization'] ?? '');
		if (options.refuseWith !== undefined) {
			client.end(`HTTP/1.1 ${options.refuseWith} Refused by test proxy\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
			return;
		}

		const colon = target.lastIndexOf(':');
		const host = target.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
		const upstream = connect(Number(target.slice(colon + 1)), options.hosts?.[host] ?? host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		sockets.add(upstream);
		upstream.on('close', () => sockets.delete(upstream));
		upstream.on('error', () => client.destroy());
		client.on('error', () => upstream.destroy());
	});
	await new Promise<void>(resolve => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		tunnels,
		authorizations,
		close: async () => {
			for (const socket of sockets) {
				socket.destroy();
			}

			await new Promise(resolve => {
				server.close(resolve);
			});
		},
	};
}
