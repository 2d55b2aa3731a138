import {type CommandName, flagSpecs, flagText} from './flags.ts';
import type {Command} from './parse-options.ts';

const summaries: Record<Command, string> = {
	home: 'Make the container runtime on every node pull images through an HTTP proxy, without SSH.',
	status: 'Show every node: runtime, pods a runtime restart disrupts, and its proxy state.',
	apply: 'Write the proxy settings into each Linux node\'s runtime (containerd, docker, cri-o), node by node.',
	remove: 'Remove the proxy settings from every node, then delete everything the plugin created.',
};

const examples: Record<Command, readonly string[]> = {
	home: [
		'kubectl proxyinject                      # interactive: pick nodes, confirm, watch the rollout',
		'kubectl proxyinject status -o json',
		'kubectl proxyinject apply --https-proxy http://proxy.corp:3128 --no-proxy .corp.example',
	],
	status: [
		'kubectl proxyinject status',
		'kubectl proxyinject status -o json',
		'kubectl proxyinject status -o wide      # adds what each node said its last run did (restart, PIDs, drop-in sha256)',
		'kubectl proxyinject status -l pool=build',
		'kubectl proxyinject status -w           # rows again as they change, until Ctrl-C',
		'kubectl proxyinject status -w -o json   # one JSON record per line per change',
		'kubectl proxyinject status --check      # drift of each node\'s drop-in and runtime; exit code 3 on drift',
	],
	apply: [
		'kubectl proxyinject apply --http-proxy http://proxy.corp:3128 --https-proxy http://proxy.corp:3128',
		'kubectl proxyinject apply --proxy-env-file proxy.env --dry-run -o yaml   # credentials off the command line',
		'kubectl proxyinject apply --https-proxy http://proxy.corp:3128 --nodes node-a,node-b --yes',
		'kubectl proxyinject apply --https-proxy http://proxy.corp:3128 --parallel 5 --timeout 10m --yes',
		'kubectl proxyinject apply --https-proxy http://proxy.corp:3128 --drain --drain-timeout 10m   # docker nodes: move pods away first',
	],
	remove: ['kubectl proxyinject remove', 'kubectl proxyinject remove --rollout all --yes'],
};

const exitCodes = `Exit codes:
  0    done
  1    the operation failed (nodes that failed are listed)
  2    bad usage or input; nothing was changed
  3    status --check: a node drifted from the settings in force
  130  interrupted; run the same command again to resume`;

function flagLines(command: Command): string[] {
	const rows = Object.entries(flagSpecs)
		.filter(([, spec]) => command === 'home' || (spec.commands as readonly CommandName[]).includes(command))
		.map(([name, spec]) => {
			const short = 'shortFlag' in spec ? `-${spec.shortFlag}, ` : '    ';
			const value = 'value' in spec ? ` ${spec.value}` : '';
			return [`${short}${flagText(name)}${value}`, spec.description] as const;
		});
	const width = Math.max(...rows.map(([left]) => left.length));
	return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

export function helpText(command: Command): string {
	const usage = command === 'home' ? 'kubectl proxyinject [status|apply|remove] [flags]' : `kubectl proxyinject ${command} [flags]`;
	const sections = [
		summaries[command],
		`Usage:\n  ${usage}`,
		...(command === 'home'
			? [`Commands:\n  status   ${summaries.status}\n  apply    ${summaries.apply}\n  remove   ${summaries.remove}\n\n  Without a command, a terminal opens the interactive view; otherwise it is status.`]
			: []),
		`Flags:\n${flagLines(command).join('\n')}`,
		`Examples:\n${examples[command].map(line => `  ${line}`).join('\n')}`,
		...(command === 'apply' || command === 'home'
			? ['Restarting docker stops every container on the node (unless live-restore is on); restarting containerd\nor cri-o keeps running containers, but pods starting at that moment can fail. The plan shows both.']
			: []),
		exitCodes,
	];
	return `${sections.join('\n\n')}\n`;
}
