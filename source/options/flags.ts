// The one list of flags: meow parses them, the help text and the
// unknown-flag suggestions are derived from it.

export type FlagSpec = {
	readonly type: 'string' | 'boolean';
	readonly shortFlag?: string;
	/** May be given more than once; the values are kept in order. */
	readonly isMultiple?: boolean;
	readonly value?: string;
	readonly description: string;
	readonly commands: readonly CommandName[];
};

export type CommandName = 'status' | 'apply' | 'remove';

const all: readonly CommandName[] = ['status', 'apply', 'remove'];
const changing: readonly CommandName[] = ['apply', 'remove'];

export const flagSpecs = {
	httpProxy: {type: 'string', value: 'URL', description: 'Proxy for HTTP, e.g. http://proxy.corp:3128 (credentials allowed: http://user:pass@host:port)', commands: ['apply']},
	httpsProxy: {type: 'string', value: 'URL', description: 'Proxy for HTTPS (image pulls use this one); defaults to nothing', commands: ['apply']},
	proxyEnvFile: {type: 'string', value: 'PATH', description: 'Read HTTP_PROXY=, HTTPS_PROXY=, NO_PROXY= (and CA_FILE=) lines from a file (- = stdin); flags win. Keeps passwords off the command line', commands: ['apply']},
	noProxy: {type: 'string', value: 'LIST', description: 'Extra NO_PROXY entries, comma separated: hosts, .domain, *.domain, IPs, CIDRs', commands: ['apply']},
	noDefaultNoProxy: {type: 'boolean', description: 'Do not add the default NO_PROXY entries (cluster, metadata, loopback)', commands: ['apply']},
	verifyImage: {type: 'string', value: 'IMAGE', description: 'After each node is configured, make it pull this image (imagePullPolicy Always); a node is done only once the pull succeeds', commands: ['apply']},
	caFile: {type: 'string', isMultiple: true, value: 'PATH', description: 'CA certificate(s) (PEM) the runtimes trust besides the system roots, for a proxy that decrypts TLS; repeat it or pass a bundle', commands: ['apply']},
	rollout: {type: 'string', value: 'MODE', description: 'node-by-node (default) or all', commands: changing},
	parallel: {type: 'string', value: 'N', description: 'Nodes released at once in node-by-node mode (default 1); status --check: nodes checked at once (default 10)', commands: all},
	timeout: {type: 'string', value: 'DURATION', description: 'How long one node may take, e.g. 90s, 5m (default 5m; status --check: 2m)', commands: all},
	drain: {type: 'boolean', description: 'Cordon each node and evict its pods (PodDisruptionBudgets respected) before its runtime restarts; uncordon it once done', commands: changing},
	drainTimeout: {type: 'string', value: 'DURATION', description: 'With --drain: how long evicting one node\'s pods may take before the node fails (default 5m)', commands: changing},
	nodes: {type: 'string', value: 'NAMES', description: 'Only these nodes, comma separated', commands: ['apply', 'status']},
	selector: {type: 'string', shortFlag: 'l', value: 'SELECTOR', description: 'Only nodes matching this label selector, e.g. pool=build', commands: ['apply', 'status']},
	image: {type: 'string', value: 'IMAGE', description: 'Image that runs the host script (needs sh and nsenter)', commands: all},
	pauseImage: {type: 'string', value: 'IMAGE', description: 'Image that keeps the pod running after the script', commands: changing},
	yes: {type: 'boolean', shortFlag: 'y', description: 'Do not ask for confirmation (needed without a terminal)', commands: changing},
	dryRun: {type: 'boolean', description: 'Print the objects that would be written and change nothing', commands: changing},
	check: {type: 'boolean', description: 'Also check each node for drift with a short-lived read-only pod: its drop-in and its runtime\'s running environment against the settings in force (exit code 3 on drift)', commands: ['status']},
	watch: {type: 'boolean', shortFlag: 'w', description: 'Keep watching: print each row again when it changes (like kubectl get -w); Ctrl-C ends it', commands: ['status']},
	output: {type: 'string', shortFlag: 'o', value: 'FORMAT', description: 'status: table, wide, json or yaml; --dry-run: yaml or json', commands: all},
	plain: {type: 'boolean', description: 'Plain line output even in a terminal', commands: all},
	kubeconfig: {type: 'string', value: 'PATH', description: 'Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)', commands: all},
	context: {type: 'string', value: 'NAME', description: 'The kubeconfig context to use', commands: all},
	namespace: {type: 'string', shortFlag: 'n', value: 'NAME', description: 'Namespace of the objects the plugin writes (default kube-system)', commands: all},
	help: {type: 'boolean', shortFlag: 'h', description: 'Show help', commands: all},
	version: {type: 'boolean', description: 'Show the version', commands: all},
} as const satisfies Record<string, FlagSpec>;

export type FlagName = keyof typeof flagSpecs;

/** `httpProxy` -> `--http-proxy` */
export function flagText(name: string): string {
	return `--${name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`;
}
