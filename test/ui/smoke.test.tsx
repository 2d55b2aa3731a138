import {useState} from 'react';
import {Text, useInput} from 'ink';
import {render} from 'ink-testing-library';
import {test, expect} from 'vitest';

function Counter() {
	const [n, setN] = useState(0);
	useInput((input) => {
		if (input === 'k') setN((v) => v + 1);
	});
	return <Text>count {n}</Text>;
}

test('smoke', async () => {
	const r = render(<Counter />);
	expect(r.lastFrame()).toContain('count 0');
	await new Promise((resolve) => setTimeout(resolve, 50));
	r.stdin.write('k');
	const deadline = Date.now() + 2000;
	while (!r.lastFrame()?.includes('count 1') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
	expect(r.lastFrame()).toContain('count 1');
	r.unmount();
});
