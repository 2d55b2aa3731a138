import {createInterface} from 'node:readline';
import {Readable} from 'node:stream';
import {
	createConfiguration,
	HttpMethod,
	type KubeConfig,
	RequestContext,
	ResponseContext,
	ServerConfiguration,
	wrapHttpLibrary,
	type Configuration,
} from '@kubernetes/client-node';

type Dispatcher = NonNullable<ReturnType<RequestContext['getDispatcher']>>;
type HttpMethodName = Parameters<Dispatcher['request']>[0]['method'];

/**
 * Sends the client library's requests through undici's Dispatcher API
 * instead of fetch. fetch refuses the ports browsers block (6000, 6666,
 * 10080, ...), where some API servers listen; kubectl reaches them, so must
 * we. TLS, client certificates, the proxy (proxy-url or the environment)
 * and credentials stay the library's and the kubeconfig's.
 */
export function createTransport(config: KubeConfig, tlsIdentity: () => number = () => 0) {
	const cluster = config.getCurrentCluster();
	if (!cluster) {
		throw new Error('no current cluster');
	}

	// The library leaves the dispatcher out when nothing about TLS is set (fetch
	// then takes its global one). Its own builder, asked for the default
	// certificate check, gives the same agent; it is private in the typings only.
	const library = config as unknown as {createDispatcher(cluster: unknown, options: {rejectUnauthorized: boolean}): Dispatcher | undefined};
	// The library builds a new dispatcher for every request: a new connection and
	// TLS handshake each time. One is kept while the TLS identity stays the same
	// (it changes only when an exec plugin hands out a new client certificate).
	let kept: {identity: number; dispatcher: Dispatcher} | undefined;
	const dispatcherOf = (context: RequestContext): Dispatcher => {
		const identity = tlsIdentity();
		if (kept?.identity !== identity) {
			kept = {identity, dispatcher: context.getDispatcher() ?? library.createDispatcher(cluster, {rejectUnauthorized: !cluster.skipTLSVerify})!};
		}

		return kept.dispatcher;
	};

	async function send(context: RequestContext): Promise<{statusCode: number; headers: Record<string, string>; body: Readable}> {
		const url = new URL(context.getUrl());
		const body = context.getBody();
		const response = await dispatcherOf(context).request({
			origin: url.origin,
			path: `${url.pathname}${url.search}`,
			method: context.getHttpMethod() as HttpMethodName,
			headers: context.getHeaders(),
			...(body !== undefined && {body: body as string}),
			...(context.getSignal() && {signal: context.getSignal()}),
		});
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(response.headers)) {
			if (value !== undefined) {
				headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
			}
		}

		return {statusCode: response.statusCode, headers, body: response.body as unknown as Readable};
	}

	const httpApi = wrapHttpLibrary({
		async send(context) {
			const response = await send(context);
			const chunks: Buffer[] = [];
			for await (const chunk of response.body) {
				chunks.push(Buffer.from(chunk as Uint8Array));
			}

			const buffer = Buffer.concat(chunks);
			return new ResponseContext(response.statusCode, response.headers, {
				text: async () => buffer.toString('utf8'),
				binary: async () => buffer,
				stream: () => Readable.toWeb(Readable.from([buffer])) as ReadableStream<Uint8Array>,
			});
		},
	});

	const configuration: Configuration = createConfiguration({
		baseServer: new ServerConfiguration(cluster.server, {}),
		authMethods: {default: config},
		httpApi,
	});

	return {
		configuration,

		/**
		 * A watch: one JSON event per line, until the server ends it, `signal`
		 * aborts, or no byte arrives for `idleMs`. Resolves when it ends; rejects
		 * when it cannot start (a status other than 200 carries `statusCode`).
		 */
		async watch(path: string, query: Record<string, string | number | boolean | undefined>, onEvent: (type: string, object: unknown) => void, signal: AbortSignal, idleMs = 300_000): Promise<void> {
			const url = new URL(`${cluster.server}${path}`);
			url.searchParams.set('watch', 'true');
			for (const [name, value] of Object.entries(query)) {
				if (value !== undefined) {
					url.searchParams.set(name, String(value));
				}
			}

			const controller = new AbortController();
			const stop = () => controller.abort();
			signal.addEventListener('abort', stop, {once: true});
			let timer: NodeJS.Timeout | undefined;
			const idle = () => {
				clearTimeout(timer);
				timer = setTimeout(stop, idleMs);
				timer.unref();
			};

			try {
				const context = new RequestContext(url.toString(), HttpMethod.GET);
				await config.applySecurityAuthentication(context);
				context.setSignal(controller.signal);
				idle();
				const response = await send(context);
				if (response.statusCode !== 200) {
					response.body.resume();
					throw Object.assign(new Error(`watch ${path}: HTTP ${response.statusCode}`), {statusCode: response.statusCode});
				}

				response.body.on('data', idle);
				for await (const line of createInterface({input: response.body, crlfDelay: Number.POSITIVE_INFINITY})) {
					if (line.trim() === '') {
						continue;
					}

					const event = JSON.parse(line) as {type: string; object: unknown};
					onEvent(event.type, event.object);
				}
			} catch (error) {
				if (!controller.signal.aborted) {
					throw error;
				}
			} finally {
				clearTimeout(timer);
				signal.removeEventListener('abort', stop);
				controller.abort();
			}
		},
	};
}

export type Transport = ReturnType<typeof createTransport>;
