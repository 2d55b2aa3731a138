// The Node object a planned node is created as. The API server accepts status
// on create for nodes, so addresses, capacity and nodeInfo are set here; the
// kwok stages only add the conditions a kubelet would post.

import {defaultImages} from '../../source/manifests/images.ts';
import type {PlannedNode} from './node-plan.ts';
import {testLabels} from './test-labels.ts';

/**
 * The API server proxies `kubectl logs` to the node address of the first type
 * it is told to prefer (see kwokctl-config.ts) that a node has: for kwok nodes
 * an InternalDNS name that resolves to the loopback address the fake kubelets
 * listen on (the realistic InternalIP stays what the plugin sees as the node
 * network); real nodes have none and are reached by Hostname (their name),
 * which the egress proxy maps to the VM's forwarded kubelet port.
 */
export const kubeletAddressTypes = 'InternalDNS,Hostname';

const capacity = {
	linux: {cpu: '4', memory: '16393832Ki', pods: '110', 'ephemeral-storage': '98831908Ki'},
	windows: {cpu: '4', memory: '16776756Ki', pods: '110', 'ephemeral-storage': '104269820Ki'},
} as const;

/**
 * A node's images as a kubelet on containerd lists them (largest first):
 * an image pulled by tag@digest is stored by its digest alone.
 */
function listedImages(node: PlannedNode): {names: string[]; sizeBytes: number}[] {
	const byDigest = (reference: string) => reference.replace(/:[^:/@]+@/, '@');
	const ours = [
		{names: [byDigest(defaultImages.script)], sizeBytes: 31_240_593},
		{names: [byDigest(defaultImages.pause)], sizeBytes: 320_368},
	];
	return [{names: ['registry.example/shop/web:1.4', 'registry.example/shop/web@sha256:' + '5'.repeat(64)], sizeBytes: 84_112_027}, ...(node.listsImages ? ours : [])].sort((a, b) => b.sizeBytes - a.sizeBytes);
}

export function nodeManifest(node: PlannedNode, kubeletVersion: string): Record<string, unknown> {
	return {
		apiVersion: 'v1',
		kind: 'Node',
		metadata: {
			name: node.name,
			labels: {
				'kubernetes.io/os': node.os,
				'kubernetes.io/arch': node.arch,
				'kubernetes.io/hostname': node.name,
				'beta.kubernetes.io/os': node.os,
				'beta.kubernetes.io/arch': node.arch,
				'node.kubernetes.io/instance-type': node.instanceType,
				'topology.kubernetes.io/zone': `zone-${'abc'[node.index % 3]}`,
				...(node.os === 'windows' ? {'node.kubernetes.io/windows-build': '10.0.20348'} : {}),
				[testLabels.failing]: String(node.failing),
			},
		},
		spec: {
			podCIDR: node.podCidr,
			podCIDRs: [node.podCidr],
		},
		status: {
			addresses: [
				{type: 'InternalIP', address: node.internalIp},
				{type: 'Hostname', address: node.name},
				{type: 'InternalDNS', address: 'localhost'},
			],
			capacity: capacity[node.os],
			allocatable: capacity[node.os],
			images: listedImages(node),
			nodeInfo: {
				architecture: node.arch,
				operatingSystem: node.os,
				containerRuntimeVersion: node.containerRuntimeVersion,
				kubeletVersion,
				// Deprecated and left empty by current kubelets, yet still required by the schema.
				kubeProxyVersion: '',
				kernelVersion: node.kernelVersion,
				osImage: node.osImage,
				machineID: machineId(node.name),
				systemUUID: machineId(`uuid-${node.name}`),
				bootID: machineId(`boot-${node.name}`),
			},
		},
	};
}

/** A stable 32-hex-digit id derived from the name (FNV-1a, repeated). */
function machineId(seed: string): string {
	let out = '';
	let hash = 0x81_1c_9d_c5;
	while (out.length < 32) {
		for (const char of seed + out.length) {
			hash ^= char.charCodeAt(0);
			hash = Math.imul(hash, 0x01_00_01_93) >>> 0;
		}

		out += hash.toString(16).padStart(8, '0');
	}

	return out.slice(0, 32);
}
