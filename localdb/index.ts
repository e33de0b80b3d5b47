export type { BeforeCommandHook, ReplyAmender } from './commands/dispatch.ts';
export type { CommandContext } from './commands/types.ts';
export { CommandError, ErrorCode } from './errors.ts';
export { FailPointRegistry } from './failpoints/index.ts';
export { ServerState } from './server/server-state.ts';
export { type LocalDb, type LocalDbOptions, startLocalDb } from './server/start.ts';
export { ServerVersions } from './server/versions.ts';
