import type {V1ContainerState, V1Pod} from '@kubernetes/client-node';
import {annotationKeys} from '../../source/manifests/names.ts';

type InitState = {
	readonly state?: V1ContainerState;
	readonly lastState?: V1ContainerState;
	readonly restartCount?: number;
};

/** One of our pods as the kubelet reports it: one init container, Ready or not. */
export function injectorPod(options: {node?: string; phase?: string; ready?: boolean; init?: InitState; hash?: string; name?: string} = {}): V1Pod {
	return {
		metadata: {
			name: options.name ?? `proxyinject-injector-${options.node ?? 'x'}`,
			...(options.hash === undefined ? {} : {annotations: {[annotationKeys.settingsHash]: options.hash}}),
		},
		spec: {nodeName: options.node, containers: [{name: 'pause'}]},
		status: {
			phase: options.phase ?? 'Pending',
			conditions: [{type: 'Ready', status: options.ready ? 'True' : 'False'}],
			...(options.init === undefined
				? {}
				: {initContainerStatuses: [{name: 'inject', image: 'img', imageID: '', ready: false, restartCount: options.init.restartCount ?? 0, state: options.init.state, lastState: options.init.lastState}]}),
		},
	};
}

/** The states an injector pod goes through, and the ways it fails. */
export const podStates = {
	scheduled: () => injectorPod(),
	pulling: () => injectorPod({init: {state: {waiting: {reason: 'PodInitializing'}}}}),
	running: () => injectorPod({init: {state: {running: {startedAt: new Date(0)}}}}),
	initDone: () => injectorPod({init: {state: {terminated: {exitCode: 0, reason: 'Completed'}}}}),
	done: (hash?: string) => injectorPod({phase: 'Running', ready: true, hash, init: {state: {terminated: {exitCode: 0, reason: 'Completed'}}}}),
	exited: (exitCode: number) => injectorPod({init: {state: {terminated: {exitCode, reason: 'Error'}}}}),
	crashLoop: (exitCode: number) => injectorPod({init: {restartCount: 3, state: {waiting: {reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container'}}, lastState: {terminated: {exitCode, reason: 'Error'}}}}),
	imagePullBackOff: () => injectorPod({init: {state: {waiting: {reason: 'ImagePullBackOff', message: 'Back-off pulling image "registry.k8s.io/x"'}}}}),
};
