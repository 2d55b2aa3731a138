import {delimiter, join} from 'node:path';

export type KubeconfigSource =
	| {readonly kind: 'flag'; readonly paths: readonly [string]}
	| {readonly kind: 'env'; readonly paths: readonly string[]}
	| {readonly kind: 'home'; readonly paths: readonly [string]};

/**
 * Where kubectl reads its configuration from: `--kubeconfig` alone when
 * given; else every file in $KUBECONFIG (merged, first one wins); else
 * ~/.kube/config.
 */
export function kubeconfigSource(flag: string | undefined, env: string | undefined, home: string): KubeconfigSource {
	if (flag !== undefined) {
		return {kind: 'flag', paths: [flag]};
	}

	const fromEnv = (env ?? '').split(delimiter).filter(Boolean);
	if (fromEnv.length > 0) {
		return {kind: 'env', paths: [...new Set(fromEnv)]};
	}

	return {kind: 'home', paths: [join(home, '.kube', 'config')]};
}
