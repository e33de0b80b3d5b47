import type { Document } from 'bson';
import type { OpCounters } from '../server/server-state.ts';

/** Write commands and the body field holding their statements (what opcounters and batch limits count). */
export const WRITE_BATCH_FIELDS = Object.freeze({
  insert: 'documents',
  update: 'updates',
  delete: 'deletes',
} as const);

type BatchedWrite = keyof typeof WRITE_BATCH_FIELDS;

export function isBatchedWrite(name: string): name is BatchedWrite {
  return Object.hasOwn(WRITE_BATCH_FIELDS, name);
}

/**
 * Commands that change data or catalog: each advances the cluster time (its operationTime) and
 * takes a write concern.
 */
export const WRITE_COMMANDS: ReadonlySet<string> = new Set([
  'insert',
  'update',
  'delete',
  'findAndModify',
  'findandmodify',
  'create',
  'drop',
  'dropDatabase',
  'createIndexes',
  'dropIndexes',
  'renameCollection',
  'collMod',
  'commitTransaction',
  'abortTransaction',
  'bulkWrite',
]);

/** Whether the command writes: a write command, or an aggregate ending in $out / $merge. */
export function isWriteCommand(name: string, command: Document = {}): boolean {
  if (WRITE_COMMANDS.has(name)) return true;
  if (name !== 'aggregate' || !Array.isArray(command.pipeline)) return false;
  const last: unknown = command.pipeline.at(-1);
  return last !== null && typeof last === 'object' && ('$out' in last || '$merge' in last);
}

/** The number of statements in a write batch (0 when the field is missing or not an array). */
export function batchSize(name: BatchedWrite, command: Document): number {
  const statements = command[WRITE_BATCH_FIELDS[name]];
  return Array.isArray(statements) ? statements.length : 0;
}

/**
 * Counts one command the way mongod's serverStatus.opcounters does: inserts/updates/deletes per
 * statement, find as a query, getMore as getmore, and every other command (write commands excluded).
 */
export function countCommand(opcounters: OpCounters, name: string, command: Document): void {
  if (isBatchedWrite(name)) opcounters[name] += batchSize(name, command);
  else if (name === 'find') opcounters.query += 1;
  else if (name === 'getMore') opcounters.getmore += 1;
  else opcounters.command += 1;
}
