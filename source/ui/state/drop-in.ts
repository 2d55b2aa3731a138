import {runtimeUnits} from '../../inventory/runtime.ts';
import type {Runtime} from '../../inventory/types.ts';
import {dataKeys} from '../../manifests/names.ts';

/** The systemd drop-in the host script writes (apply) or deletes (remove) for a runtime. */
export function dropInPath(runtime: Runtime): string {
	return `/etc/systemd/system/${runtimeUnits[runtime]}.d/${dataKeys.dropIn}`;
}
