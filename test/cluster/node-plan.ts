// Which fake nodes a test cluster gets, and what each one claims to be. Pure:
// the same spec always yields the same names, addresses and versions, so tests
// can name nodes without listing them first.

export type ClusterShape = {
	containerd?: number;
	docker?: number;
	crio?: number;
	windows?: number;
	arm64?: number;
	/** Node names whose injector pods crash-loop (see stages.ts). */
	fail?: readonly string[];
	/** Node names whose status lists none of the plugin's default images (the others list them as pulled). */
	withoutImages?: readonly string[];
};

export type NodeFlavour = 'containerd' | 'docker' | 'crio' | 'windows' | 'arm64';

export type PlannedNode = {
	readonly name: string;
	readonly flavour: NodeFlavour;
	/** Position in the whole cluster, from 0: drives addresses and CIDRs. */
	readonly index: number;
	readonly os: 'linux' | 'windows';
	readonly arch: 'amd64' | 'arm64';
	readonly containerRuntimeVersion: string;
	readonly osImage: string;
	readonly kernelVersion: string;
	readonly instanceType: string;
	readonly internalIp: string;
	readonly podCidr: string;
	readonly failing: boolean;
	/** Whether its status.images lists the plugin's default images. */
	readonly listsImages: boolean;
};

type Flavour = Omit<PlannedNode, 'name' | 'flavour' | 'index' | 'internalIp' | 'podCidr' | 'failing' | 'listsImages'> & {
	readonly prefix: string;
};

const flavours: Record<NodeFlavour, Flavour> = {
	containerd: {
		prefix: 'containerd',
		os: 'linux',
		arch: 'amd64',
		containerRuntimeVersion: 'containerd://1.7.24',
		osImage: 'Container-Optimized OS from Google',
		kernelVersion: '6.6.56+',
		instanceType: 'e2-standard-4',
	},
	docker: {
		prefix: 'docker',
		os: 'linux',
		arch: 'amd64',
		containerRuntimeVersion: 'docker://20.10.24',
		osImage: 'Ubuntu 20.04.6 LTS',
		kernelVersion: '5.15.0-1049-gke',
		instanceType: 'n1-standard-2',
	},
	crio: {
		prefix: 'crio',
		os: 'linux',
		arch: 'amd64',
		containerRuntimeVersion: 'cri-o://1.30.4',
		osImage: 'Red Hat Enterprise Linux CoreOS 416.94',
		kernelVersion: '5.14.0-427.33.1.el9_4.x86_64',
		instanceType: 'm5.xlarge',
	},
	windows: {
		prefix: 'windows',
		os: 'windows',
		arch: 'amd64',
		containerRuntimeVersion: 'containerd://1.7.20',
		osImage: 'Windows Server 2022 Datacenter',
		kernelVersion: '10.0.20348.2700',
		instanceType: 'n2-standard-4',
	},
	arm64: {
		prefix: 'containerd-arm64',
		os: 'linux',
		arch: 'arm64',
		containerRuntimeVersion: 'containerd://1.7.24',
		osImage: 'Container-Optimized OS from Google',
		kernelVersion: '6.6.56+',
		instanceType: 't2a-standard-4',
	},
};

const order: readonly NodeFlavour[] = ['containerd', 'docker', 'crio', 'windows', 'arm64'];

/** 10.0.x.y with y in 10..249: never the network or broadcast address. */
export function internalIpFor(index: number): string {
	return `10.0.${Math.floor(index / 240)}.${10 + (index % 240)}`;
}

/**
 * 10.244.i.0/24 for the first 256 nodes; larger clusters continue in the
 * following /16s (10.245..10.255, then 10.112 upwards, up to 36,000 nodes) so no two nodes share
 * a range and none overlaps the node or service networks.
 */
export function podCidrFor(index: number): string {
	const block = Math.floor(index / 256);
	const second = block < 12 ? 244 + block : 112 + block - 12;
	if (second > 243 && block >= 12) {
		throw new RangeError(`no pod CIDR left for node #${index}`);
	}

	return `10.${second}.${index % 256}.0/24`;
}

export function planNodes(shape: ClusterShape): PlannedNode[] {
	const failing = new Set(shape.fail ?? []);
	const withoutImages = new Set(shape.withoutImages ?? []);
	const nodes: PlannedNode[] = [];
	for (const flavour of order) {
		const count = shape[flavour] ?? 0;
		if (!Number.isInteger(count) || count < 0) {
			throw new RangeError(`${flavour}: expected a whole number of nodes, got ${count}`);
		}

		const {prefix, ...claims} = flavours[flavour];
		for (let n = 1; n <= count; n++) {
			const index = nodes.length;
			const name = `${prefix}-${n}`;
			nodes.push({
				...claims,
				name,
				flavour,
				index,
				internalIp: internalIpFor(index),
				podCidr: podCidrFor(index),
				failing: failing.has(name),
				listsImages: !withoutImages.has(name),
			});
		}
	}

	for (const [option, named] of [['--fail', failing], ['withoutImages', withoutImages]] as const) {
		const unknown = [...named].filter(name => !nodes.some(node => node.name === name));
		if (unknown.length > 0) {
			throw new Error(`${option} names nodes the cluster does not have: ${unknown.join(', ')}`);
		}
	}

	return nodes;
}
