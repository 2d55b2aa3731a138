import {Readable} from 'node:stream';
import {ApiException, HttpMethod, type KubeConfig, RequestContext} from '@kubernetes/client-node';
import {version} from '../version.ts';

type Dispatcher = NonNullable<ReturnType<RequestContext['getDispatcher']>>;
type HttpMethodName = Parameters<Dispatcher['request']>[0]['method'];

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export type Query = Record<string, string | number | boolean | undefined>;

export type RequestOptions = {
	readonly query?: Query;
	/** Sent as JSON. */
	readonly body?: unknown;
	/** The body's type, when not plain JSON (a merge patch, a server-side apply). */
	readonly contentType?: string;
	/** The answer's type, when not plain JSON (a server-side table). */
	readonly accept?: string;
};

/**
 * Plain requests to the API server through undici's Dispatcher API, the way
 * kubectl sends them: JSON in, JSON text out, no typed models (decoding every
 * list into the client library's classes cost a third of the CPU and a second
 * copy of every object). Not fetch: it refuses the ports browsers block (6000,
 * 6666, 10080, ...), where some API servers listen; kubectl reaches them, so
 * must we. TLS, client certificates, the proxy (proxy-url or the environment)
 * and credentials stay the client library's and the kubeconfig's.
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

	const server = cluster.server.replace(/\/+$/, '');
	const userAgent = `kubectl-proxyinject/${version()}`;

	function urlOf(path: string, query: Query = {}): URL {
		const url = new URL(`${server}${path}`);
		for (const [name, value] of Object.entries(query)) {
			if (value !== undefined) {
				url.searchParams.set(name, String(value));
			}
		}

		return url;
	}

	async function send(context: RequestContext): Promise<{statusCode: number; headers: Record<string, string>; body: Readable}> {
		const url = new URL(context.getUrl());
		const body = context.getBody();
		const response = await dispatcherOf(context).request({
			origin: url.origin,
			path: `${url.pathname}${url.search}`,
			method: context.getHttpMethod() as HttpMethodName,
			headers: {'User-Agent': userAgent, ...context.getHeaders()},
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

	return {
		/**
		 * One request; resolves with the response body as text. A status of 400
		 * or more rejects with the client library's ApiException (code and body
		 * text), which every caller already explains and retries.
		 */
		async request(method: Method, path: string, options: RequestOptions = {}): Promise<string> {
			const context = new RequestContext(urlOf(path, options.query).toString(), HttpMethod[method]);
			await config.applySecurityAuthentication(context);
			context.setHeaderParam('Accept', options.accept ?? 'application/json');
			if (options.body !== undefined) {
				context.setHeaderParam('Content-Type', options.contentType ?? 'application/json');
				context.setBody(JSON.stringify(options.body));
			}

			const response = await send(context);
			const chunks: Buffer[] = [];
			for await (const chunk of response.body) {
				chunks.push(chunk as Buffer);
			}

			const text = Buffer.concat(chunks).toString('utf8');
			if (response.statusCode >= 400) {
				throw new ApiException(response.statusCode, `${method} ${path}`, text, response.headers);
			}

			return text;
		},

		/**
		 * A watch: one JSON event per line, until the server ends it, `signal`
		 * aborts, or no byte arrives for `idleMs`. Resolves when it ends; rejects
		 * when it cannot start (a status other than 200 carries `statusCode`).
		 */
		async watch(path: string, query: Query, onEvent: (type: string, object: unknown) => void, signal: AbortSignal, idleMs = 300_000): Promise<void> {
			const url = urlOf(path, {...query, watch: true});

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

				// One event per line. Split here rather than by readline, which costs
				// more than parsing the events themselves in a large rollout.
				const decoder = new TextDecoder();
				let partial = '';
				for await (const chunk of response.body) {
					idle();
					const text = partial + decoder.decode(chunk as Uint8Array, {stream: true});
					let start = 0;
					for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
						const line = text.slice(start, end);
						start = end + 1;
						if (line.trim() !== '') {
							const event = JSON.parse(line) as {type: string; object: unknown};
							onEvent(event.type, event.object);
						}
					}

					partial = text.slice(start);
				}

				if (partial.trim() !== '') {
					const event = JSON.parse(partial) as {type: string; object: unknown};
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
