import {expect, test} from 'vitest';
import {chooseOperation, firstStep} from '../../../source/ui/state/steps.ts';

test('home starts home; an operation picks nodes unless they were named or yes was given', () => {
	expect(firstStep('home', {nodes: ['a']}, true)).toEqual({screen: 'home'});
	expect(firstStep('apply', {nodes: []}, false)).toEqual({screen: 'select', operation: 'apply', selection: {nodes: []}});
	expect(firstStep('remove', {nodes: ['a']}, false)).toEqual({screen: 'plan', operation: 'remove', selection: {nodes: ['a']}});
	expect(firstStep('apply', {nodes: [], selector: 'pool=gpu'}, false)).toMatchObject({screen: 'plan'});
	expect(firstStep('apply', {nodes: []}, true)).toMatchObject({screen: 'plan'});
});

test('remove works on every node: no picker, from the command line or the home screen', () => {
	expect(firstStep('remove', {nodes: []}, false)).toEqual({screen: 'plan', operation: 'remove', selection: {nodes: []}});
	expect(chooseOperation('remove', {nodes: ['a']})).toEqual({screen: 'plan', operation: 'remove', selection: {nodes: []}});
	expect(chooseOperation('apply', {nodes: ['a']})).toEqual({screen: 'select', operation: 'apply', selection: {nodes: ['a']}});
});
