import {expect, test} from 'vitest';
import {PersistentMap} from '../../source/engine/persistent-map.ts';

test('set and delete return new maps and leave the old ones as they were', () => {
	const names = Array.from({length: 200}, (_, index) => `node-${index}`);
	const first = PersistentMap.of(names.map(name => [name, 0] as const));
	expect(first.size).toBe(200);

	const second = first.set('node-7', 1).set('extra', 2);
	const third = second.delete('node-8').delete('absent');
	expect([first.get('node-7'), second.get('node-7'), third.get('node-7')]).toEqual([0, 1, 1]);
	expect([first.has('extra'), second.has('extra'), third.get('extra')]).toEqual([false, true, 2]);
	expect([first.has('node-8'), second.has('node-8'), third.has('node-8')]).toEqual([true, true, false]);
	expect([first.size, second.size, third.size]).toEqual([200, 201, 200]);
	expect(third.delete('absent')).toBe(third);
	for (const name of names.filter(name => name !== 'node-7' && name !== 'node-8')) {
		expect(third.get(name)).toBe(0);
	}
});

test('an empty map and one of a single entry work like any other', () => {
	const empty = PersistentMap.of<number>([]);
	expect(empty.size).toBe(0);
	expect(empty.get('a')).toBeUndefined();
	const one = empty.set('a', 1);
	expect([one.size, one.get('a'), empty.size]).toEqual([1, 1, 0]);
	expect(one.delete('a').size).toBe(0);
});
