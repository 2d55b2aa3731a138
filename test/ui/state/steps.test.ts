import {expect, test} from 'vitest';
import {firstStep} from '../../../source/ui/state/steps.ts';

test('home starts home; an operation picks nodes unless they were named or yes was given', () => {
	expect(firstStep('home', {nodes: ['a']}, true)).toEqual({screen: 'home'});
	expect(firstStep('apply', {nodes: []}, false)).toEqual({screen: 'select', operation: 'apply', selection: {nodes: []}});
	expect(firstStep('remove', {nodes: ['a']}, false)).toEqual({screen: 'plan', operation: 'remove', selection: {nodes: ['a']}});
	expect(firstStep('apply', {nodes: [], selector: 'pool=gpu'}, false)).toMatchObject({screen: 'plan'});
	expect(firstStep('apply', {nodes: []}, true)).toMatchObject({screen: 'plan'});
});
