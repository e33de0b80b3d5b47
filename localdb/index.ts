export { CommandError, ErrorCode } from './errors.ts';
export { ServerState } from './server/server-state.ts';
export { type LocalDb, type LocalDbOptions, startLocalDb } from './server/start.ts';
export { ServerVersions } from './server/versions.ts';
