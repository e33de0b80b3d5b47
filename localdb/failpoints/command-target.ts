import type { Document } from 'bson';
import type { CommandContext } from '../commands/types.ts';

/** Aliases mongod registers under another name: fail points match the canonical one. */
const CANONICAL_NAMES: Readonly<Record<string, string>> = Object.freeze({
  findandmodify: 'findAndModify',
  ismaster: 'isMaster',
});

export function canonicalCommandName(name: string): string {
  return CANONICAL_NAMES[name] ?? name;
}

/** The namespace a command works on: `db.collection`, or `db.$cmd` for database-level commands. */
export function commandNamespace(name: string, command: Document, db: string): string {
  const target = command[name];
  return typeof target === 'string' && target.length > 0 ? `${db}.${target}` : `${db}.$cmd`;
}

/** The `application.name` the client sent in its handshake, if any. */
export function clientAppName(context: CommandContext): string | undefined {
  const name = context.clientMetadata?.application?.name;
  return typeof name === 'string' ? name : undefined;
}
