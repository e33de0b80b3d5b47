import { CommandError } from '../errors.ts';
import {
  buildInfoCommands,
  diagnosticCommands,
  helloCommands,
  parameterCommands,
  serverStatusCommands,
  sessionCommands,
  testCommands,
} from './admin/index.ts';
import { dataCommands } from './data/index.ts';
import type { CommandHandler, CommandTable } from './types.ts';

/** Commands answered only on the admin database, as in mongod. */
const ADMIN_ONLY: ReadonlySet<string> = new Set([
  'listDatabases',
  'killAllSessions',
  'killAllSessionsByPattern',
  'getCmdLineOpts',
  'configureFailPoint',
]);

export const adminCommands: CommandTable = Object.freeze({
  ...helloCommands,
  ...buildInfoCommands,
  ...serverStatusCommands,
  ...sessionCommands,
  ...parameterCommands,
  ...diagnosticCommands,
});

function adminOnly(name: string, handler: CommandHandler): CommandHandler {
  return (command, context) => {
    if (context.db !== 'admin') {
      throw new CommandError('Unauthorized', `${name} may only be run against the admin database.`);
    }
    return handler(command, context);
  };
}

export interface CommandTableOptions {
  /** The storage engine's data commands. */
  readonly data?: CommandTable;
  /** Adds the test-only commands (configureFailPoint), as mongod's enableTestCommands. */
  readonly testCommands?: boolean;
}

/** Every command localdb answers: the admin table merged with the storage engine's data commands. */
export function buildCommandTable(options: CommandTableOptions = {}): CommandTable {
  const merged: Record<string, CommandHandler> = {
    ...(options.data ?? dataCommands),
    ...adminCommands,
    ...(options.testCommands ? testCommands : {}),
  };
  for (const name of ADMIN_ONLY) {
    const handler = merged[name];
    if (handler) merged[name] = adminOnly(name, handler);
  }
  merged.listCommands = () => ({
    commands: Object.fromEntries(
      Object.keys(merged)
        .sort()
        .map((name) => [name, { help: '', adminOnly: ADMIN_ONLY.has(name), requiresAuth: false }]),
    ),
  });
  return Object.freeze(merged);
}
