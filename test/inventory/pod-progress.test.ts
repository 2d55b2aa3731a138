import {describe, expect, it} from 'vitest';
import {podProgress, podSettingsHash} from '../../source/inventory/pod-progress.ts';
import {dockerHandoverMark} from '../../source/manifests/names.ts';
import {injectorPod, podStates} from './pods.ts';

describe('podProgress', () => {
	it('a pod with no init status yet is pulling', () => {
		expect(podProgress(podStates.scheduled())).toEqual({phase: 'pulling'});
		expect(podProgress({})).toEqual({phase: 'pulling'});
	});

	it('an init container waiting to start (image pull) is pulling', () => {
		expect(podProgress(podStates.pulling())).toEqual({phase: 'pulling'});
		expect(podProgress(injectorPod({init: {state: {waiting: {reason: 'ContainerCreating'}}}}))).toEqual({phase: 'pulling'});
	});

	it('a running init container is running', () => {
		expect(podProgress(podStates.running())).toEqual({phase: 'running'});
	});

	it('an init container that completed, before the pod is Ready, is still running (the pause container starts)', () => {
		expect(podProgress(podStates.initDone())).toEqual({phase: 'running'});
	});

	it('a Ready pod is done', () => {
		expect(podProgress(podStates.done())).toEqual({phase: 'done'});
	});

	it('a Running pod whose init container completed is done even before Ready', () => {
		expect(podProgress(injectorPod({phase: 'Running', ready: false, init: {state: {terminated: {exitCode: 0}}}}))).toEqual({phase: 'done'});
	});

	it('a pause container that cannot be pulled fails the pod, with the kubelet\'s reason', () => {
		const pauseWaiting = (reason: string, message?: string) => ({...podStates.initDone(), status: {...podStates.initDone().status, containerStatuses: [{name: 'pause', image: 'p', imageID: '', ready: false, restartCount: 0, state: {waiting: {reason, message}}}]}});
		expect(podProgress(pauseWaiting('ErrImagePull', 'failed to pull "mirror.example/pause:1": dial tcp: lookup mirror.example: no such host'))).toEqual({
			phase: 'failed',
			reason: 'ErrImagePull: failed to pull "mirror.example/pause:1": dial tcp: lookup mirror.example: no such host',
		});
		expect(podProgress(pauseWaiting('ImagePullBackOff'))).toEqual({phase: 'failed', reason: 'ImagePullBackOff: the node cannot pull the image'});
		expect(podProgress(pauseWaiting('ContainerCreating'))).toEqual({phase: 'running'});
	});

	it('an init container that exited 1 has failed with that code', () => {
		expect(podProgress(podStates.exited(1))).toEqual({phase: 'failed', exitCode: 1, reason: 'Error'});
	});

	it('a terminated init container without a reason counts as Error', () => {
		expect(podProgress(injectorPod({init: {state: {terminated: {exitCode: 3}}}}))).toEqual({phase: 'failed', exitCode: 3, reason: 'Error'});
	});

	it('CrashLoopBackOff has failed, with the exit code of the last run', () => {
		expect(podProgress(podStates.crashLoop(42))).toEqual({phase: 'failed', exitCode: 42, reason: 'CrashLoopBackOff'});
	});

	it('CrashLoopBackOff without a last state has failed without a code', () => {
		expect(podProgress(injectorPod({init: {state: {waiting: {reason: 'CrashLoopBackOff'}}}}))).toEqual({phase: 'failed', exitCode: undefined, reason: 'CrashLoopBackOff'});
	});

	it('waiting again after a failed run has failed, whatever the waiting reason', () => {
		expect(podProgress(injectorPod({init: {state: {waiting: {reason: 'PodInitializing'}}, lastState: {terminated: {exitCode: 7}}}}))).toEqual({phase: 'failed', exitCode: 7, reason: 'PodInitializing'});
	});

	describe('a run stopped by the docker restart it handed over', () => {
		const handedOver = (exitCode: number, message = `proxyinject: x\n${dockerHandoverMark}\n`) => ({exitCode, reason: 'Error', message});

		it.each([137, 143, 255])('exit %i with the hand-over mark is still running: the next run reports the outcome', exitCode => {
			expect(podProgress(injectorPod({init: {state: {terminated: handedOver(exitCode)}}}))).toEqual({phase: 'running'});
			expect(podProgress(injectorPod({init: {state: {waiting: {reason: 'PodInitializing'}}, lastState: {terminated: handedOver(exitCode)}}}))).toEqual({phase: 'running'});
			expect(podProgress(injectorPod({init: {state: {waiting: {reason: 'CrashLoopBackOff'}}, lastState: {terminated: handedOver(exitCode)}}}))).toEqual({phase: 'running'});
		});

		it('a run that failed by itself after writing the mark has failed', () => {
			expect(podProgress(injectorPod({init: {state: {terminated: handedOver(1)}}}))).toEqual({phase: 'failed', exitCode: 1, reason: 'Error'});
		});

		it('a run stopped by a signal without the mark has failed', () => {
			expect(podProgress(injectorPod({init: {state: {terminated: handedOver(137, 'proxyinject: something else')}}}))).toEqual({phase: 'failed', exitCode: 137, reason: 'Error'});
		});
	});

	it('a restart after a successful run is not a failure', () => {
		expect(podProgress(injectorPod({init: {state: {running: {}}, lastState: {terminated: {exitCode: 0}}}}))).toEqual({phase: 'running'});
	});

	it.each(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull'])('%s has failed and says why', reason => {
		const progress = podProgress(injectorPod({init: {state: {waiting: {reason, message: 'cannot pull "img"'}}}}));
		expect(progress).toEqual({phase: 'failed', reason: `${reason}: cannot pull "img"`});
	});

	it('ImagePullBackOff without a message explains it', () => {
		expect(podProgress(injectorPod({init: {state: {waiting: {reason: 'ImagePullBackOff'}}}}))).toEqual({phase: 'failed', reason: 'ImagePullBackOff: the node cannot pull the image'});
		expect(podProgress(podStates.imagePullBackOff()).reason).toBe('ImagePullBackOff: Back-off pulling image "registry.k8s.io/x"');
	});
});

describe('podSettingsHash', () => {
	it('reads the settings hash annotation', () => {
		expect(podSettingsHash(podStates.done('abc123'))).toBe('abc123');
		expect(podSettingsHash(podStates.done())).toBeUndefined();
		expect(podSettingsHash({})).toBeUndefined();
	});
});
