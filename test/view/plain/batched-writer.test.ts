import {setImmediate as turn} from 'node:timers/promises';
import {expect, test} from 'vitest';
import {batchedWriter} from '../../../source/view/plain/batched-writer.ts';

test('lines written in one turn of the event loop reach the stream in one write, in order', async () => {
	const writes: string[] = [];
	const writer = batchedWriter(text => writes.push(text));
	writer.line('a');
	writer.line('b');
	expect(writes).toEqual([]);
	await turn();
	expect(writes).toEqual(['a\nb\n']);
	writer.line('c');
	writer.flush();
	expect(writes).toEqual(['a\nb\n', 'c\n']);
	await turn();
	expect(writes).toHaveLength(2);
});
