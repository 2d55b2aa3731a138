import {expect, test} from 'vitest';
import {visibleWindow} from '../../source/progress/window.ts';

test('a short list is shown whole', () => {
	expect(visibleWindow(3, 2, 10)).toEqual({start: 0, end: 3});
});

test('the cursor stays near the middle of a long list', () => {
	expect(visibleWindow(5000, 2500, 10)).toEqual({start: 2495, end: 2505});
});

test('the window stops at both ends', () => {
	expect(visibleWindow(5000, 0, 10)).toEqual({start: 0, end: 10});
	expect(visibleWindow(5000, 4999, 10)).toEqual({start: 4990, end: 5000});
});

test('an out-of-range cursor is clamped and nothing fits in no height', () => {
	expect(visibleWindow(20, 99, 5)).toEqual({start: 15, end: 20});
	expect(visibleWindow(20, 3, 0)).toEqual({start: 0, end: 0});
	expect(visibleWindow(0, 0, 5)).toEqual({start: 0, end: 0});
});
