// The entry point. V8's compile cache must be on before the program's modules
// load, or it only helps modules loaded later: on a warm cache this starts the
// plugin (and its Kubernetes client) noticeably faster.
import module from 'node:module';

module.enableCompileCache?.();
await import('./cli.ts');
