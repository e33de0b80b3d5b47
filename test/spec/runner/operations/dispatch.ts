import type { Document } from 'mongodb';
import type { EntityKind } from '../entities.ts';
import { toDriverOptions } from '../options.ts';
import { SkipTest } from '../skip.ts';
import type { Operation } from '../types.ts';
import { clientOperations } from './client.ts';
import { collectionOperations } from './collection.ts';
import type { OperationContext, OperationHandler } from './context.ts';
import { cursorOperations } from './cursor.ts';
import { databaseOperations } from './database.ts';
import { sessionOperations } from './session.ts';
import { testRunnerOperations } from './test-runner.ts';

const TABLES: Readonly<
  Partial<Record<EntityKind | 'testRunner', Readonly<Record<string, OperationHandler<never>>>>>
> = Object.freeze({
  client: clientOperations,
  database: databaseOperations,
  collection: collectionOperations,
  session: sessionOperations,
  cursor: cursorOperations,
  testRunner: testRunnerOperations,
});

/** Operations whose array result is an iterable of root-level documents (extra fields allowed in each). */
export const ROOT_DOCUMENT_RESULTS: ReadonlySet<string> = new Set([
  'aggregate',
  'find',
  'listCollections',
  'listCollectionObjects',
  'listDatabases',
  'listDatabaseObjects',
  'listIndexes',
  'runCursorCommand',
]);

/** Whether any entity kind implements the operation (used to skip a test before running it). */
export function isKnownOperation(name: string): boolean {
  return Object.values(TABLES).some((table) => table !== undefined && name in table);
}

/** Runs one operation on its entity (or the test runner) and returns the driver's result. */
export async function dispatch(operation: Operation, context: OperationContext): Promise<unknown> {
  const args: Document = operation.arguments ?? {};
  if (operation.object === 'testRunner') {
    const handler = testRunnerOperations[operation.name];
    if (!handler) throw new SkipTest(`runner: unsupported testRunner operation ${operation.name}`);
    return handler(null, args, context);
  }
  const kind = context.entities.kindOf(operation.object);
  const handler = TABLES[kind]?.[operation.name] as OperationHandler<unknown> | undefined;
  if (!handler) throw new SkipTest(`runner: unsupported operation ${operation.name} on ${kind}`);
  const options = toDriverOptions(args);
  if (typeof args.session === 'string')
    options.session = context.entities.get(args.session, 'session').session;
  const target = context.entities.get(operation.object, kind);
  return handler(target, options, context);
}
