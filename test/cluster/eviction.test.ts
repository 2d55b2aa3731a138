import {expect, test} from 'vitest';
import {blockedEviction} from '../../source/cluster/eviction.ts';

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
