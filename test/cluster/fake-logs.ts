// What `kubectl logs` returns for pods on the fake nodes. kwok serves these
// files through its kubelet API and parses them as CRI log files, so every
// line carries a timestamp, a stream and the full-line tag.

export type ClusterLogs = {
	apiVersion: 'kwok.x-k8s.io/v1alpha1';
	kind: 'ClusterLogs';
	metadata: {name: string};
	spec: {selector: Record<string, never>; logs: Array<{logsFile: string; previousLogsFile: string; follow: boolean}>};
};

export const failingInjectLog = [
	'proxyinject: writing /etc/systemd/system/containerd.service.d/http-proxy.conf',
	'proxyinject: systemctl daemon-reload',
	'proxyinject: restarting containerd.service',
	'proxyinject: containerd.service did not become active within 120s',
];

export const healthyLog = ['simulated container output (kwok test cluster)'];

/** Lines in the CRI logging format, one second apart, ending at `end`. */
export function criLog(lines: readonly string[], end: Date, stream: 'stdout' | 'stderr' = 'stderr'): string {
	return lines
		.map((line, i) => `${new Date(end.getTime() - (lines.length - 1 - i) * 1000).toISOString()} ${stream} F ${line}\n`)
		.join('');
}

/** Every pod kwok manages shows the same file, current and previous. */
export function clusterLogs(name: string, file: string): ClusterLogs {
	return {
		apiVersion: 'kwok.x-k8s.io/v1alpha1',
		kind: 'ClusterLogs',
		metadata: {name},
		spec: {selector: {}, logs: [{logsFile: file, previousLogsFile: file, follow: false}]},
	};
}
