import {describe, expect, it} from 'vitest';
import {continueTokenAtHead} from '../../source/cluster/continue-token.ts';

describe('continueTokenAtHead', () => {
	it('reads the token from the metadata the API server writes before the items', () => {
		const page = '{"kind":"NodeList","apiVersion":"v1","metadata":{"resourceVersion":"45168","continue":"eyJ2IjoibWV0YS5rOHMuaW8vdjEi","remainingItemCount":500},"items":[{"metadata":{"name":"a"}}]}';
		expect(continueTokenAtHead(page)).toBe('eyJ2IjoibWV0YS5rOHMuaW8vdjEi');
		expect(continueTokenAtHead(page)).toBe((JSON.parse(page) as {metadata: {continue: string}}).metadata.continue);
	});

	it('reads a table page as well', () => {
		expect(continueTokenAtHead('{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"7","continue":"abc="},"columnDefinitions":[]}')).toBe('abc=');
	});

	it('finds none on the last page', () => {
		expect(continueTokenAtHead('{"kind":"NodeList","apiVersion":"v1","metadata":{"resourceVersion":"45168"},"items":[]}')).toBeUndefined();
	});

	it('never takes a "continue" from inside an item', () => {
		expect(continueTokenAtHead('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[{"metadata":{"continue":"x"}}]}')).toBeUndefined();
	});

	it('leaves text in another layout to the parser', () => {
		expect(continueTokenAtHead('{\n  "kind": "NodeList",\n  "metadata": {"continue": "abc"}\n}')).toBeUndefined();
	});
});
