import {once, getEventListeners} from 'node:events';
import {createServer, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {KubeConfig, Watch} from '@kubernetes/client-node';
import {afterEach, expect, test} from 'vitest';
import type {KubeClient} from '../../source/cluster/kube-client.ts';
import {watchPods} from '../../source/cluster/watch-pods.ts';

let close: (() => void) | undefined;
afterEach(() => {
	close?.();
	close = undefined;
});

/** An API server that answers the pod watch and sends an event whenever the test says so. */
async function fakeWatchServer() {
	const streams: ServerResponse[] = [];
	let watching: () => void;
	const watched = new Promise<void>(resolve => {
		watching = resolve;
	});
	const server = createServer((request, response) => {
		if (request.url?.includes('watch=true')) {
			response.writeHead(200, {'content-type': 'application/json'});
			response.flushHeaders();
			streams.push(response);
			watching();
		} else {
			response.writeHead(404).end();
		}
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	close = () => {
		server.closeAllConnections();
		server.close();
	};

	const config = new KubeConfig();
	config.loadFromOptions({
		clusters: [{name: 'fake', server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, skipTLSVerify: true}],
		users: [{name: 'fake'}],
		contexts: [{name: 'fake', cluster: 'fake', user: 'fake'}],
		currentContext: 'fake',
	});
	const watcher = new Watch(config);
	const client = {
		watch: async (...request: Parameters<KubeClient['watch']>) => watcher.watch(...request),
		listPods: async () => ({pods: [], resourceVersion: '1'}),
	} as unknown as KubeClient;
	let version = 1;
	return {
		client,
		watched,
		send(node: string) {
			const pod = {metadata: {name: `injector-${node}`, resourceVersion: String(++version)}, spec: {nodeName: node}};
			streams.at(-1)?.write(`${JSON.stringify({type: 'ADDED', object: pod})}\n`);
		},
	};
}

test('waiting for the next event leaves no abort listener behind', async () => {
	const server = await fakeWatchServer();
	const lifetime = new AbortController();
	const changes = watchPods(server.client, 'kube-system', 'app=injector', lifetime.signal);
	expect((await changes.next()).value).toMatchObject({type: 'reset', pods: []});

	const listenersAtStart = getEventListeners(lifetime.signal, 'abort').length;
	for (let index = 0; index < 50; index++) {
		const next = changes.next();
		await server.watched;
		// The generator is parked on an empty queue when the event arrives.
		await new Promise(resolve => {
			setImmediate(resolve);
		});
		server.send(`node-${index}`);
		expect((await next).value).toMatchObject({type: 'upsert', pod: {spec: {nodeName: `node-${index}`}}});
	}

	expect(getEventListeners(lifetime.signal, 'abort').length).toBeLessThanOrEqual(listenersAtStart + 1);
	lifetime.abort();
	expect((await changes.next()).done).toBe(true);
});
