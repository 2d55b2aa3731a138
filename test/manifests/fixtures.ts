import type {HostScripts} from '../../source/manifests/host-scripts.ts';
import {buildSettings} from '../../source/settings/settings.ts';
import type {ClusterFacts, ProxySettings} from '../../source/settings/types.ts';

export const scripts: HostScripts = {
	'common.sh': '# helpers stub\n',
	'inject.sh': '#!/bin/sh\n# inject stub\necho "inject $NODE_NAME"\n',
	'remove.sh': '#!/bin/sh\n# remove stub\necho "remove $NODE_NAME"\n',
};

export const facts: ClusterFacts = {
	apiServerHost: '10.96.0.1',
	clusterDomain: 'cluster.local',
	podCidrs: ['10.244.0.0/16'],
	serviceCidrs: ['10.96.0.0/12'],
	nodeInternalIps: ['192.168.0.10'],
};

export const options = {
	namespace: 'proxy-system',
	image: 'registry.example/tools:1',
	pauseImage: 'registry.example/pause:1',
	scripts,
};

export function settingsFor(httpProxy: string, httpsProxy?: string): ProxySettings {
	return buildSettings({httpProxy, httpsProxy, noProxy: 'registry.corp', noDefaultNoProxy: false, requireProxy: true}, facts);
}
