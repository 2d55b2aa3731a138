import {expect, test} from 'vitest';
import {blockedEviction, namespaceTerminating} from '../../source/cluster/eviction.ts';

test('names the PodDisruptionBudget from the API server\'s cause', () => {
	const body = JSON.stringify({
		kind: 'Status',
		status: 'Failure',
		message: 'Cannot evict pod as it would violate the pod\'s disruption budget.',
		reason: 'TooManyRequests',
		details: {causes: [{reason: 'DisruptionBudget', message: 'The disruption budget web-pdb needs 2 healthy pods and has 2 currently'}]},
		code: 429,
	});
	expect(blockedEviction(body)).toEqual({type: 'blocked', budget: 'web-pdb', message: 'The disruption budget web-pdb needs 2 healthy pods and has 2 currently'});
});

test('without a cause, the message; without JSON, the text', () => {
	expect(blockedEviction(JSON.stringify({message: 'Cannot evict pod as it would violate the pod\'s disruption budget.'}))).toEqual({type: 'blocked', message: 'Cannot evict pod as it would violate the pod\'s disruption budget.'});
	expect(blockedEviction('slow down')).toEqual({type: 'blocked', message: 'slow down'});
});

test('a 403 because the namespace is being deleted is told apart from other refusals', () => {
	// As the API server answers an eviction in a terminating namespace.
	const terminating = {
		kind: 'Status',
		status: 'Failure',
		message: 'pods "web-1" is forbidden: unable to create new content in namespace shop because it is being terminated',
		reason: 'Forbidden',
		details: {name: 'web-1', kind: 'pods', causes: [{reason: 'NamespaceTerminating', message: 'namespace shop is being terminated', field: 'metadata.namespace'}]},
		code: 403,
	};
	expect(namespaceTerminating(JSON.stringify(terminating))).toBe(true);
	expect(namespaceTerminating(terminating)).toBe(true);
	expect(namespaceTerminating(JSON.stringify({...terminating, details: {causes: []}, message: 'pods "web-1" is forbidden: User "x" cannot create resource "pods/eviction"'}))).toBe(false);
	expect(namespaceTerminating('forbidden')).toBe(false);
});
