import {describe, expect, it} from 'vitest';
import type {ContainerStateObject, PodObject} from '../../source/inventory/objects.ts';
import {pullOutcome} from '../../source/inventory/pull-outcome.ts';

const withState = (state?: ContainerStateObject): PodObject => ({status: {phase: 'Pending', ...(state && {containerStatuses: [{state}]})}});

describe('pullOutcome: what the kubelet says of a --verify-image pod', () => {
	it.each([
		['running', {running: {}}],
		['exited', {terminated: {exitCode: 0}}],
		['failed after it started', {terminated: {exitCode: 1, reason: 'Error'}}],
		['restarting', {waiting: {reason: 'CrashLoopBackOff'}}],
		['unable to start its command', {waiting: {reason: 'CreateContainerError', message: 'no command'}}],
	] as const)('%s: the image was pulled', (_, state) => {
		expect(pullOutcome(withState(state))).toEqual({pulled: true});
	});

	it.each(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName'])('%s: not pulled, with the runtime\'s message', reason => {
		const message = 'failed to pull: proxyconnect tcp: dial tcp 10.0.2.100:3131: connect: connection refused';
		expect(pullOutcome(withState({waiting: {reason, message}}))).toEqual({pulled: false, message: `${reason}: ${message}`});
	});

	it.each([
		['not started', undefined],
		['creating', {waiting: {reason: 'ContainerCreating'}}],
	] as const)('%s: not decided yet', (_, state) => {
		expect(pullOutcome(withState(state))).toBeUndefined();
	});
});
