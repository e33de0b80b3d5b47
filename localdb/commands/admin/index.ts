export { buildInfoCommands } from './build-info.ts';
export { diagnosticCommands } from './diagnostics.ts';
export { testCommands } from './fail-points.ts';
export { helloCommands, isAwaitableHello } from './hello.ts';
export { parameterCommands } from './parameters.ts';
export { serverStatusCommands } from './server-status.ts';
export { sessionCommands } from './sessions.ts';
