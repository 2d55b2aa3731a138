import {expect, test} from 'vitest';
import {nodeColumns} from '../../../source/ui/state/node-columns.ts';
import {largeInventory} from '../fixtures/large-inventory.ts';

const sum = (columns: ReturnType<typeof nodeColumns>) => Object.values(columns).reduce((total, width) => total + width, 0);

test('the columns fill the width exactly', () => {
	expect(sum(nodeColumns(largeInventory(10), 100, 2))).toBe(100);
	expect(sum(nodeColumns(largeInventory(10), 140, 6))).toBe(140);
});

test('a long name gives way on a narrow terminal, down to a minimum', () => {
	const long = largeInventory(1).map(node => ({...node, name: 'x'.repeat(80)}));
	expect(nodeColumns(long, 100, 2).name).toBeLessThan(40);
	expect(nodeColumns(long, 40, 2).name).toBe(8);
});
