import {describe, expect, it} from 'vitest';
import {flagSpecs, flagText} from '../../source/options/flags.ts';
import {helpText} from '../../source/options/help.ts';

const commands = ['home', 'status', 'apply', 'remove'] as const;

function flagsSection(text: string): string[] {
	const section = text.split('\n\n').find(part => part.startsWith('Flags:\n'))!;
	return section.split('\n').slice(1);
}

describe('helpText', () => {
	it.each(commands)('%s: starts with a summary, has usage, flags, examples and exit codes, ends with a newline', command => {
		const text = helpText(command);
		expect(text.endsWith('\n')).toBe(true);
		expect(text).toContain('Usage:\n  kubectl proxyinject');
		expect(text).toContain('Flags:\n');
		expect(text).toContain('Examples:\n  kubectl proxyinject');
		expect(text).toMatch(/Exit codes:\n {2}0 {4}done\n {2}1 .*\n {2}2 .*\n {2}3 .*\n {2}130 /);
	});

	it('home lists the commands', () => {
		const text = helpText('home');
		expect(text).toContain('kubectl proxyinject [status|apply|remove] [flags]');
		expect(text).toMatch(/Commands:\n {2}status .*\n {2}apply .*\n {2}remove /);
	});

	it.each(['status', 'apply', 'remove'] as const)('%s has its own usage line and no command list', command => {
		const text = helpText(command);
		expect(text).toContain(`Usage:\n  kubectl proxyinject ${command} [flags]`);
		expect(text).not.toContain('Commands:');
	});

	it('home lists every flag', () => {
		const lines = flagsSection(helpText('home'));
		expect(lines).toHaveLength(Object.keys(flagSpecs).length);
	});

	it.each(['status', 'apply', 'remove'] as const)('%s lists exactly the flags that apply to it', command => {
		const lines = flagsSection(helpText(command));
		for (const [name, spec] of Object.entries(flagSpecs)) {
			const listed = lines.some(line => line.includes(`${flagText(name)} `) || line.endsWith(flagText(name)));
			expect(listed, `${name} in ${command}`).toBe((spec.commands as readonly string[]).includes(command));
		}
	});

	it('shows short flags beside their long names, and value names', () => {
		const lines = flagsSection(helpText('home'));
		expect(lines).toContainEqual(expect.stringMatching(/^ {2}-n, --namespace NAME +Namespace/));
		expect(lines).toContainEqual(expect.stringMatching(/^ {2}-o, --output FORMAT /));
		expect(lines).toContainEqual(expect.stringMatching(/^ {2}-y, --yes +Do not ask/));
		expect(lines).toContainEqual(expect.stringMatching(/^ {2} {4}--no-proxy LIST +Extra NO_PROXY/));
	});

	it.each(commands)('%s: aligns the descriptions in one column', command => {
		const lines = flagsSection(helpText(command));
		const starts = new Set(Object.values(flagSpecs).flatMap(spec => lines.filter(line => line.endsWith(`  ${spec.description}`)).map(line => line.length - spec.description.length)));
		expect(starts.size).toBe(1);
	});

	it('warns about runtime restarts where nodes are changed', () => {
		expect(helpText('apply')).toContain('Restarting docker stops every container');
		expect(helpText('home')).toContain('Restarting docker stops every container');
		expect(helpText('status')).not.toContain('Restarting docker');
	});
});
