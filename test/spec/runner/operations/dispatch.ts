import type { Document } from 'mongodb';
import type { EntityKind } from '../entities.ts';
import { toDriverOptions } from '../options.ts';
import { SkipTest } from '../skip.ts';
import type { Operation } from '../types.ts';
import { bucketOperations } from './bucket.ts';
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
  bucket: bucketOperations,
  cursor: cursorOperations,
  testRunner: testRunnerOperations,
});

/** Operations the runner deliberately leaves out, with the reason printed for skipped tests. */
const UNSUPPORTED_OPERATIONS: Readonly<Record<string, string>> = Object.freeze({
  mapReduce: 'node driver 7 has no mapReduce',
});

/** Why an operation cannot run, or undefined when some entity kind implements it. */
export function unsupportedOperation(name: string): string | undefined {
  if (Object.values(TABLES).some((table) => table !== undefined && name in table)) return undefined;
  return UNSUPPORTED_OPERATIONS[name] ?? `runner: unsupported operation ${name}`;
}

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
