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
// Values are compared as strings: a number never equals its spelling.
const portOfKubelet = '.status.daemonEndpoints.kubeletEndpoint.Port | tostring';
const notDeleting: Expression = {key: '.metadata.deletionTimestamp', operator: 'DoesNotExist'};
const pending: Expression = {key: '.status.phase', operator: 'In', values: ['Pending']};
const notStuck: Expression = {key: `.metadata.labels["${testLabels.stuck}"]`, operator: 'DoesNotExist'};

// Go templates rendering YAML status patches (strategic merge: lists of
// conditions and container statuses merge by type and name, so a state the
// container leaves is set to null).

// The kubelet port is the controller's own: the API server proxies
// `kubectl logs` for the node's pods there.
const nodeReadyTemplate = `
{{ $now := Now }}
conditions:
- type: Ready
  status: "True"
  reason: KubeletReady
  message: kubelet is posting ready status
  lastHeartbeatTime: {{ $now | Quote }}
  lastTransitionTime: {{ $now | Quote }}
- type: MemoryPressure
  status: "False"
  reason: KubeletHasSufficientMemory
  message: kubelet has sufficient memory available
  lastHeartbeatTime: {{ $now | Quote }}
  lastTransitionTime: {{ $now | Quote }}
- type: DiskPressure
  status: "False"
  reason: KubeletHasNoDiskPressure
  message: kubelet has no disk pressure
  lastHeartbeatTime: {{ $now | Quote }}
  lastTransitionTime: {{ $now | Quote }}
- type: PIDPressure
  status: "False"
  reason: KubeletHasSufficientPID
  message: kubelet has sufficient PID available
  lastHeartbeatTime: {{ $now | Quote }}
  lastTransitionTime: {{ $now | Quote }}
daemonEndpoints:
  kubeletEndpoint:
    Port: {{ NodePort }}
`;

const nodeHeartbeatTemplate = `
{{ $now := Now }}
conditions:
{{ range .status.conditions }}
- type: {{ .type | Quote }}
  lastHeartbeatTime: {{ $now | Quote }}
{{ end }}
`;

// Addresses are given once: a pod keeps them for life, and a second pick
// would add a second IP of the same family, which the API server refuses.
const hostAndPodIpTemplate = `
{{ if not .status.podIP }}
{{ with NodeIPWith .spec.nodeName }}
hostIP: {{ . | Quote }}
hostIPs:
- ip: {{ . | Quote }}
{{ end }}
{{ with PodIPWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) }}
podIP: {{ . | Quote }}
podIPs:
- ip: {{ . | Quote }}
{{ end }}
{{ end }}
`;

const podRunningTemplate = `
{{ $now := Now }}
conditions:
- {type: PodReadyToStartContainers, status: "True", lastTransitionTime: {{ $now | Quote }}}
- {type: Initialized, status: "True", lastTransitionTime: {{ $now | Quote }}}
- {type: Ready, status: "True", lastTransitionTime: {{ $now | Quote }}}
- {type: ContainersReady, status: "True", lastTransitionTime: {{ $now | Quote }}}
- {type: PodScheduled, status: "True", lastTransitionTime: {{ $now | Quote }}}
{{ range .spec.readinessGates }}
- {type: {{ .conditionType | Quote }}, status: "True", lastTransitionTime: {{ $now | Quote }}}
{{ end }}
{{ with .spec.initContainers }}
initContainerStatuses:
{{ range . }}
- name: {{ .name | Quote }}
  image: {{ .image | Quote }}
  imageID: ""
  ready: true
  started: false
  restartCount: 0
  state:
    waiting: null
    terminated: {exitCode: 0, reason: Completed, startedAt: {{ $now | Quote }}, finishedAt: {{ $now | Quote }}}
{{ end }}
{{ end }}
containerStatuses:
{{ range .spec.containers }}
- name: {{ .name | Quote }}
  image: {{ .image | Quote }}
  imageID: ""
  ready: true
  started: true
  restartCount: 0
  state:
    waiting: null
    running: {startedAt: {{ $now | Quote }}}
{{ end }}
${hostAndPodIpTemplate}
phase: Running
startTime: {{ $now | Quote }}
`;

const podContainerCreatingTemplate = `
{{ $now := Now }}
conditions:
- {type: PodReadyToStartContainers, status: "False", lastTransitionTime: {{ $now | Quote }}}
- {type: Initialized, status: "True", lastTransitionTime: {{ $now | Quote }}}
- {type: Ready, status: "False", reason: ContainersNotReady, lastTransitionTime: {{ $now | Quote }}}
- {type: ContainersReady, status: "False", reason: ContainersNotReady, lastTransitionTime: {{ $now | Quote }}}
- {type: PodScheduled, status: "True", lastTransitionTime: {{ $now | Quote }}}
containerStatuses:
{{ range .spec.containers }}
- name: {{ .name | Quote }}
  image: {{ .image | Quote }}
  imageID: ""
  ready: false
  started: false
  restartCount: 0
  state:
    waiting: {reason: ContainerCreating}
{{ end }}
{{ with NodeIPWith .spec.nodeName }}
hostIP: {{ . | Quote }}
hostIPs:
- ip: {{ . | Quote }}
{{ end }}
phase: Pending
startTime: {{ $now | Quote }}
`;

/** The first init container fails (exit 1) and is backing off; the pod stays Pending, never Failed. */
export const crashLoopRestartCount = 3;

const podInitCrashLoopTemplate = `
{{ $now := Now }}
{{ $pod := . }}
conditions:
- {type: PodReadyToStartContainers, status: "True", lastTransitionTime: {{ $now | Quote }}}
- type: Initialized
  status: "False"
  reason: ContainersNotInitialized
  message: {{ printf "containers with incomplete status: [%s]" ( index .spec.initContainers 0 ).name | Quote }}
  lastTransitionTime: {{ $now | Quote }}
- {type: Ready, status: "False", reason: ContainersNotReady, lastTransitionTime: {{ $now | Quote }}}
- {type: ContainersReady, status: "False", reason: ContainersNotReady, lastTransitionTime: {{ $now | Quote }}}
- {type: PodScheduled, status: "True", lastTransitionTime: {{ $now | Quote }}}
initContainerStatuses:
{{ range $i, $c := .spec.initContainers }}
- name: {{ $c.name | Quote }}
  image: {{ $c.image | Quote }}
  imageID: ""
  ready: false
  started: false
{{ if eq $i 0 }}
  restartCount: ${crashLoopRestartCount}
  state:
    waiting:
      reason: CrashLoopBackOff
      message: {{ printf "back-off 40s restarting failed container=%s pod=%s_%s(%s)" $c.name $pod.metadata.name $pod.metadata.namespace $pod.metadata.uid | Quote }}
  lastState:
    terminated: {exitCode: 1, reason: Error, startedAt: {{ $now | Quote }}, finishedAt: {{ $now | Quote }}}
{{ else }}
  restartCount: 0
  state:
    waiting: {reason: PodInitializing}
{{ end }}
{{ end }}
containerStatuses:
{{ range .spec.containers }}
- name: {{ .name | Quote }}
  image: {{ .image | Quote }}
  imageID: ""
  ready: false
  started: false
  restartCount: 0
  state:
    waiting: {reason: PodInitializing}
{{ end }}
${hostAndPodIpTemplate}
phase: Pending
startTime: {{ $now | Quote }}
`;

function nodeStages(kubeletPort: number): Stage[] {
	return [
		stage('node-initialize', 'Node', [{key: readyStatus, operator: 'NotIn', values: ['True']}], {statusTemplate: nodeReadyTemplate}),
		// A node handed over from the other controller (setNodeFailing).
		stage('node-claim', 'Node', [
			{key: readyStatus, operator: 'In', values: ['True']},
			{key: portOfKubelet, operator: 'NotIn', values: [String(kubeletPort)]},
		], {statusTemplate: nodeReadyTemplate}),
		// Leases carry liveness; this only keeps lastHeartbeatTime plausible.
		stage('node-heartbeat', 'Node', [
			{key: readyStatus, operator: 'In', values: ['True']},
			{key: portOfKubelet, operator: 'In', values: [String(kubeletPort)]},
		], {statusTemplate: nodeHeartbeatTemplate}, {
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

const podReadyExpressions: Expression[] = [
	notDeleting,
	pending,
	notStuck,
	{key: readyStatus, operator: 'NotIn', values: ['True']},
];

export type PodTiming = {
	/** How long a pod takes to start (or its init container to fail): 0 is at once. */
	readonly podStartDelayMs: number;
};

function startDelay(timing: PodTiming): Partial<Stage['spec']> {
	const ms = timing.podStartDelayMs;
	return ms > 0 ? {delay: {durationMilliseconds: ms, jitterDurationMilliseconds: ms}} : {};
}

/** Stages of the kwok controller for healthy nodes. */
export function healthyStages(kubeletPort: number, timing: PodTiming): Stage[] {
	return [
		...nodeStages(kubeletPort),
		stage('pod-ready', 'Pod', podReadyExpressions, {statusTemplate: podRunningTemplate}, startDelay(timing)),
		...podCommonStages,
	];
}

/**
 * Stages of the kwok controller for failing nodes: pods with init containers
 * (ours) crash-loop; other pods (workloads that ran before) keep running.
 */
export function failingStages(kubeletPort: number, timing: PodTiming): Stage[] {
	return [
		...nodeStages(kubeletPort),
		stage('pod-ready', 'Pod', [...podReadyExpressions, {key: '.spec.initContainers', operator: 'DoesNotExist'}], {statusTemplate: podRunningTemplate}, startDelay(timing)),
		stage('pod-init-crash-loop', 'Pod', [
			notDeleting,
			pending,
			notStuck,
			{key: '.spec.initContainers', operator: 'Exists'},
			{key: '.status.initContainerStatuses', operator: 'DoesNotExist'},
		], {statusTemplate: podInitCrashLoopTemplate}, startDelay(timing)),
		...podCommonStages,
	];
}
