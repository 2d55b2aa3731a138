import {dropInMarker} from '../settings/drop-in.ts';

/** The proxy variables a drop-in of ours may set; the node reports only these names. */
export const proxyVariables = ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'SSL_CERT_DIR'] as const;

/** What a node configured with the settings in force has, file by file, as inject.sh writes it. */
export type ExpectedHostFiles = {
	readonly dropIn: string;
	/** The root-only environment file with the values that carry credentials; absent without any. */
	readonly envFile?: string;
	/** NAME=value lines, sorted: the proxy environment the runtime runs with. */
	readonly runtimeEnv: string;
	/** The variables the drop-in sets. */
	readonly variables: readonly string[];
	/** --ca-file: the folder id (16 hex digits) and the bundle file as written on the node. */
	readonly ca?: {readonly id: string; readonly file: string};
};

const caDirPrefix = '/etc/ssl/certs:/etc/pki/tls/certs:/etc/systemd/system/proxyinject-ca/';

/**
 * The NAME=value assignments of a drop-in the plugin rendered (from the
 * ConfigMap or the Secret), `%%` turned back into `%`; undefined for
 * anything else (an edited ConfigMap), which inject.sh would refuse too.
 */
export function dropInAssignments(sourceDropIn: string): Array<[string, string]> | undefined {
	const [marker, service, ...lines] = sourceDropIn.replace(/\n$/, '').split('\n');
	if (marker !== dropInMarker || service !== '[Service]' || lines.length === 0) {
		return undefined;
	}

	const assignments: Array<[string, string]> = [];
	for (const line of lines) {
		const match = /^Environment="([A-Za-z_]+)=([\x21-\x7e]+)"$/.exec(line);
		if (!match || !(proxyVariables as readonly string[]).includes(match[1]!) || assignments.some(([name]) => name === match[1])) {
			return undefined;
		}

		assignments.push([match[1]!, match[2]!.replaceAll('%%', '%')]);
	}

	return assignments;
}

/**
 * The files inject.sh writes for `unit` from the rendered drop-in: values
 * with credentials (an `@`) go to the environment file, which the drop-in
 * names; the others stay in the drop-in with `%` doubled.
 */
export function expectedHostFiles(sourceDropIn: string, unit: string, dropInName: string, caPem?: string): ExpectedHostFiles | undefined {
	const assignments = dropInAssignments(sourceDropIn);
	if (assignments === undefined) {
		return undefined;
	}

	const open = assignments.filter(([, value]) => !value.includes('@'));
	const secret = assignments.filter(([, value]) => value.includes('@'));
	const envPath = `/etc/systemd/system/${unit}.d/${dropInName.replace(/\.conf$/, '.env')}`;
	const lines = (entries: readonly string[]) => entries.map(entry => `${entry}\n`).join('');
	const caId = assignments.find(([name]) => name === 'SSL_CERT_DIR')?.[1].slice(caDirPrefix.length);
	return {
		dropIn: lines([dropInMarker, '[Service]', ...open.map(([name, value]) => `Environment="${name}=${value.replaceAll('%', '%%')}"`), ...(secret.length > 0 ? [`EnvironmentFile=-${envPath}`] : [])]),
		...(secret.length > 0 && {envFile: lines([dropInMarker, ...secret.map(([name, value]) => `${name}=${value}`)])}),
		runtimeEnv: lines(assignments.map(([name, value]) => `${name}=${value}`).sort()),
		variables: assignments.map(([name]) => name),
		...(caId !== undefined && caPem !== undefined && {ca: {id: caId, file: `${dropInMarker}\n${caPem}`}}),
	};
}
