// kwok Stages: what the fake kubelets do to nodes and pods. Passing our own
// Stages replaces all of kwok's defaults, so node readiness, heartbeats, pod
// start-up and deletion are all spelled out here. Two kwok controllers run
// (see kwokctl-config.ts): a healthy one and one for nodes labelled failing,
// whose pods with init containers crash-loop the way a kubelet reports it.

import {testLabels} from './test-labels.ts';

type Expression = {key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[]};

export type Stage = {
	apiVersion: 'kwok.x-k8s.io/v1alpha1';
	kind: 'Stage';
	metadata: {name: string};
	spec: {
		resourceRef: {apiGroup: 'v1'; kind: 'Node' | 'Pod'};
		selector: {matchExpressions: Expression[]};
		delay?: {durationMilliseconds: number; jitterDurationMilliseconds: number};
		next: {statusTemplate?: string; delete?: boolean};
		immediateNextStage?: boolean;
	};
};

function stage(name: string, kind: 'Node' | 'Pod', matchExpressions: Expression[], next: Stage['spec']['next'], extra: Partial<Stage['spec']> = {}): Stage {
	return {
		apiVersion: 'kwok.x-k8s.io/v1alpha1',
		kind: 'Stage',
		metadata: {name},
		spec: {resourceRef: {apiGroup: 'v1', kind}, selector: {matchExpressions}, next, ...extra},
	};
}

const readyStatus = '.status.conditions.[] | select( .type == "Ready" ) | .status';
const ready: Expression = {key: readyStatus, operator: 'In', values: ['True']};
const notReady: Expression = {key: readyStatus, operator: 'NotIn', values: ['True']};
const notDeleting: Expression = {key: '.metadata.deletionTimestamp', operator: 'DoesNotExist'};

function kubeletPort(operator: 'In' | 'NotIn', port: number): Expression {
	// Values are compared as strings: a number never equals its spelling.
	return {key: '.status.daemonEndpoints.kubeletEndpoint.Port | tostring', operator, values: [String(port)]};
}

// Go templates rendering YAML status patches (strategic merge: lists of
// conditions and container statuses merge by type and name, so a state the
// container leaves is set to null). Built from lines: YAML must not be
// indented with tabs.

type Status = 'True' | 'False';

function template(lines: string[]): string {
	return `\n${lines.join('\n')}\n`;
}

function nodeCondition(type: string, status: Status, reason: string, message: string): string[] {
	return [
		`- type: ${type}`,
		`  status: "${status}"`,
		`  reason: ${reason}`,
		`  message: ${message}`,
		'  lastHeartbeatTime: {{ $now | Quote }}',
		'  lastTransitionTime: {{ $now | Quote }}',
	];
}

// The kubelet port is the controller's own: the API server proxies
// `kubectl logs` for the node's pods there.
const nodeReadyTemplate = template([
	'{{ $now := Now }}',
	'conditions:',
	...nodeCondition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
	...nodeCondition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
	...nodeCondition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
	...nodeCondition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
	'daemonEndpoints:',
	'  kubeletEndpoint:',
	'    Port: {{ NodePort }}',
]);

const nodeHeartbeatTemplate = template([
	'{{ $now := Now }}',
	'conditions:',
	'{{ range .status.conditions }}',
	'- type: {{ .type | Quote }}',
	'  lastHeartbeatTime: {{ $now | Quote }}',
	'{{ end }}',
]);

function podCondition(type: string, status: Status, reason?: string): string {
	const because = reason === undefined ? '' : ` reason: ${reason},`;
	return `- {type: ${type}, status: "${status}",${because} lastTransitionTime: {{ $now | Quote }}}`;
}

/** A kubelet's five pod conditions, in its order; `initialized` is the whole Initialized entry. */
function podConditions(readyToStartContainers: Status, initialized: string[], ready: Status): string[] {
	const reason = ready === 'True' ? undefined : 'ContainersNotReady';
	return [
		'conditions:',
		podCondition('PodReadyToStartContainers', readyToStartContainers),
		...initialized,
		podCondition('Ready', ready, reason),
		podCondition('ContainersReady', ready, reason),
		podCondition('PodScheduled', 'True'),
	];
}

/** `list:` with one entry per element of `range` (a Go template range clause). */
function statusList(list: string, range: string, entry: string[]): string[] {
	return [`${list}:`, `{{ range ${range} }}`, ...entry, '{{ end }}'];
}

/** A container's status; `container` names its spec in the template ('' for the range's dot). */
function containerStatus(container: string, ready: boolean, started: boolean, rest: string[]): string[] {
	return [
		`- name: {{ ${container}.name | Quote }}`,
		`  image: {{ ${container}.image | Quote }}`,
		'  imageID: ""',
		`  ready: ${ready}`,
		`  started: ${started}`,
		...rest,
	];
}

/** The state of a container that never restarted. */
function firstRunState(...state: string[]): string[] {
	return ['  restartCount: 0', '  state:', ...state.map(line => `    ${line}`)];
}

/** hostIP(s) or podIP(s) from the address `pick` gives, when it gives one. */
function addresses(field: 'hostIP' | 'podIP', pick: string): string[] {
	return [`{{ with ${pick} }}`, `${field}: {{ . | Quote }}`, `${field}s:`, '- ip: {{ . | Quote }}', '{{ end }}'];
}

const hostAddresses = addresses('hostIP', 'NodeIPWith .spec.nodeName');

// Addresses are given once: a pod keeps them for life, and a second pick
// would add a second IP of the same family, which the API server refuses.
const hostAndPodAddresses = [
	'{{ if not .status.podIP }}',
	...hostAddresses,
	...addresses('podIP', 'PodIPWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" )'),
	'{{ end }}',
];

function podTemplate(lines: string[], phase: 'Running' | 'Pending'): string {
	return template(['{{ $now := Now }}', ...lines, `phase: ${phase}`, 'startTime: {{ $now | Quote }}']);
}

const podRunningTemplate = podTemplate([
	...podConditions('True', [podCondition('Initialized', 'True')], 'True'),
	'{{ range .spec.readinessGates }}',
	podCondition('{{ .conditionType | Quote }}', 'True'),
	'{{ end }}',
	'{{ with .spec.initContainers }}',
	...statusList('initContainerStatuses', '.', containerStatus('', true, false, firstRunState(
		'waiting: null',
		'terminated: {exitCode: 0, reason: Completed, startedAt: {{ $now | Quote }}, finishedAt: {{ $now | Quote }}}',
	))),
	'{{ end }}',
	...statusList('containerStatuses', '.spec.containers', containerStatus('', true, true, firstRunState(
		'waiting: null',
		'running: {startedAt: {{ $now | Quote }}}',
	))),
	...hostAndPodAddresses,
], 'Running');

const podContainerCreatingTemplate = podTemplate([
	...podConditions('False', [podCondition('Initialized', 'True')], 'False'),
	...statusList('containerStatuses', '.spec.containers', containerStatus('', false, false, firstRunState('waiting: {reason: ContainerCreating}'))),
	...hostAddresses,
], 'Pending');

/** The first init container fails (exit 1) and is backing off; the pod stays Pending, never Failed. */
export const crashLoopRestartCount = 3;

const podInitCrashLoopTemplate = podTemplate([
	'{{ $pod := . }}',
	...podConditions('True', [
		'- type: Initialized',
		'  status: "False"',
		'  reason: ContainersNotInitialized',
		'  message: {{ printf "containers with incomplete status: [%s]" ( index .spec.initContainers 0 ).name | Quote }}',
		'  lastTransitionTime: {{ $now | Quote }}',
	], 'False'),
	...statusList('initContainerStatuses', '$i, $c := .spec.initContainers', containerStatus('$c', false, false, [
		'{{ if eq $i 0 }}',
		`  restartCount: ${crashLoopRestartCount}`,
		'  state:',
		'    waiting:',
		'      reason: CrashLoopBackOff',
		'      message: {{ printf "back-off 40s restarting failed container=%s pod=%s_%s(%s)" $c.name $pod.metadata.name $pod.metadata.namespace $pod.metadata.uid | Quote }}',
		'  lastState:',
		'    terminated: {exitCode: 1, reason: Error, startedAt: {{ $now | Quote }}, finishedAt: {{ $now | Quote }}}',
		'{{ else }}',
		...firstRunState('waiting: {reason: PodInitializing}'),
		'{{ end }}',
	])),
	...statusList('containerStatuses', '.spec.containers', containerStatus('', false, false, firstRunState('waiting: {reason: PodInitializing}'))),
	...hostAndPodAddresses,
], 'Pending');

function nodeStages(port: number): Stage[] {
	return [
		stage('node-initialize', 'Node', [notReady], {statusTemplate: nodeReadyTemplate}),
		// A node handed over from the other controller (setNodeFailing).
		stage('node-claim', 'Node', [ready, kubeletPort('NotIn', port)], {statusTemplate: nodeReadyTemplate}),
		// Leases carry liveness; this only keeps lastHeartbeatTime plausible.
		stage('node-heartbeat', 'Node', [ready, kubeletPort('In', port)], {statusTemplate: nodeHeartbeatTemplate}, {
			delay: {durationMilliseconds: 300_000, jitterDurationMilliseconds: 360_000},
			immediateNextStage: true,
		}),
	];
}

const podCommonStages: Stage[] = [
	stage('pod-container-creating', 'Pod', [
		notDeleting,
		{key: `.metadata.labels["${testLabels.stuck}"]`, operator: 'In', values: ['ContainerCreating']},
		{key: '.status.containerStatuses', operator: 'DoesNotExist'},
	], {statusTemplate: podContainerCreatingTemplate}),
	// A kubelet kills the containers, then deletes the pod for good.
	stage('pod-delete', 'Pod', [{key: '.metadata.deletionTimestamp', operator: 'Exists'}], {delete: true}),
];

export type PodTiming = {
	/** How long a pod takes to start (or its init container to fail): 0 is at once. */
	readonly podStartDelayMs: number;
};

/** A stage for a Pending pod that is not being deleted and not held back by the stuck label. */
function podStartStage(name: string, matchExpressions: Expression[], statusTemplate: string, timing: PodTiming): Stage {
	const ms = timing.podStartDelayMs;
	return stage(name, 'Pod', [
		notDeleting,
		{key: '.status.phase', operator: 'In', values: ['Pending']},
		{key: `.metadata.labels["${testLabels.stuck}"]`, operator: 'DoesNotExist'},
		...matchExpressions,
	], {statusTemplate}, ms > 0 ? {delay: {durationMilliseconds: ms, jitterDurationMilliseconds: ms}} : {});
}

function controllerStages(port: number, podStartStages: Stage[]): Stage[] {
	return [...nodeStages(port), ...podStartStages, ...podCommonStages];
}

/** Stages of the kwok controller for healthy nodes. */
export function healthyStages(kubeletPort: number, timing: PodTiming): Stage[] {
	return controllerStages(kubeletPort, [podStartStage('pod-ready', [notReady], podRunningTemplate, timing)]);
}

/**
 * Stages of the kwok controller for failing nodes: pods with init containers
 * (ours) crash-loop; other pods (workloads that ran before) keep running.
 */
export function failingStages(kubeletPort: number, timing: PodTiming): Stage[] {
	return controllerStages(kubeletPort, [
		podStartStage('pod-ready', [notReady, {key: '.spec.initContainers', operator: 'DoesNotExist'}], podRunningTemplate, timing),
		podStartStage('pod-init-crash-loop', [
			{key: '.spec.initContainers', operator: 'Exists'},
			{key: '.status.initContainerStatuses', operator: 'DoesNotExist'},
		], podInitCrashLoopTemplate, timing),
	]);
}
