import { type ClientSession, type Document, MongoServerError } from 'mongodb';
import { assert } from 'vitest';
import { createEntities } from '../create-entities.ts';
import type { OperationHandler } from './context.ts';

/** The format's transaction states → the driver's TxnState values. */
const TRANSACTION_STATES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  none: ['NO_TRANSACTION'],
  starting: ['STARTING_TRANSACTION'],
  in_progress: ['TRANSACTION_IN_PROGRESS'],
  committed: ['TRANSACTION_COMMITTED', 'TRANSACTION_COMMITTED_EMPTY'],
  aborted: ['TRANSACTION_ABORTED'],
});

const NAMESPACE_NOT_FOUND = 26;

/** The driver keeps the transaction state on an internal (untyped) field. */
function transactionState(session: ClientSession): string {
  return String((session as unknown as { transaction: { state: string } }).transaction.state);
}

function lastTwoLsids(events: readonly { type: string; event: Document }[]): [unknown, unknown] {
  const started = events.filter((e) => e.type === 'commandStartedEvent');
  assert.isAtLeast(started.length, 2, 'needs two observed commandStartedEvents');
  const [a, b] = started.slice(-2).map((e) => e.event.command?.lsid?.id);
  assert.exists(a, 'second-to-last command has no lsid');
  assert.exists(b, 'last command has no lsid');
  return [a, b];
}

function sameBytes(a: unknown, b: unknown): boolean {
  const bytes = (value: unknown) =>
    Buffer.from((value as { buffer: Uint8Array }).buffer).toString('hex');
  return bytes(a) === bytes(b);
}

async function indexNames(
  context: Parameters<OperationHandler<null>>[2],
  args: Document,
): Promise<string[]> {
  const collection = context.internal.db(args.databaseName).collection(args.collectionName);
  try {
    return (await collection.listIndexes().toArray()).map((index) => String(index.name));
  } catch (error) {
    if (error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND) return [];
    throw error;
  }
}

async function collectionNames(
  context: Parameters<OperationHandler<null>>[2],
  databaseName: string,
): Promise<string[]> {
  const list = await context.internal
    .db(databaseName)
    .listCollections({}, { nameOnly: true })
    .toArray();
  return list.map((entry) => String(entry.name));
}

/** Special operations whose object is "testRunner". */
export const testRunnerOperations: Readonly<Record<string, OperationHandler<null>>> = Object.freeze(
  {
    failPoint: async (_, { client, failPoint }, context) => {
      await context.failPoints.enable(context.entities.get(client, 'client').client, failPoint);
    },
    // On a replica set (or a single mongos URI) the pinned server is the one the session's client targets.
    targetedFailPoint: async (_, { session, failPoint }, context) => {
      const entity = context.entities.get(session, 'session');
      await context.failPoints.enable(entity.client.client, failPoint);
    },
    assertSessionTransactionState: async (_, { session, state }, context) => {
      const actual = transactionState(context.entities.get(session, 'session').session);
      assert.include(
        TRANSACTION_STATES[state] ?? [],
        actual,
        `transaction state should be ${state}`,
      );
    },
    assertSessionPinned: async (_, { session }, context) => {
      assert.isTrue(
        context.entities.get(session, 'session').session.isPinned,
        'session should be pinned',
      );
    },
    assertSessionUnpinned: async (_, { session }, context) => {
      assert.isFalse(
        context.entities.get(session, 'session').session.isPinned,
        'session should be unpinned',
      );
    },
    assertSessionDirty: async (_, { session }, context) => {
      assert.isTrue(
        context.entities.get(session, 'session').session.serverSession?.isDirty,
        'session should be dirty',
      );
    },
    assertSessionNotDirty: async (_, { session }, context) => {
      assert.isFalse(
        context.entities.get(session, 'session').session.serverSession?.isDirty,
        'session should not be dirty',
      );
    },
    assertSameLsidOnLastTwoCommands: async (_, { client }, context) => {
      const [a, b] = lastTwoLsids(context.entities.get(client, 'client').events);
      assert.isTrue(sameBytes(a, b), 'last two commands should share an lsid');
    },
    assertDifferentLsidOnLastTwoCommands: async (_, { client }, context) => {
      const [a, b] = lastTwoLsids(context.entities.get(client, 'client').events);
      assert.isFalse(sameBytes(a, b), 'last two commands should use different lsids');
    },
    assertCollectionExists: async (_, { databaseName, collectionName }, context) => {
      assert.include(
        await collectionNames(context, databaseName),
        collectionName,
        'collection should exist',
      );
    },
    assertCollectionNotExists: async (_, { databaseName, collectionName }, context) => {
      assert.notInclude(
        await collectionNames(context, databaseName),
        collectionName,
        'collection should not exist',
      );
    },
    assertIndexExists: async (_, args, context) => {
      assert.include(await indexNames(context, args), args.indexName, 'index should exist');
    },
    assertIndexNotExists: async (_, args, context) => {
      assert.notInclude(await indexNames(context, args), args.indexName, 'index should not exist');
    },
    createEntities: async (_, { entities }, context) => {
      await createEntities(entities, context.uris, context.entities);
    },
    wait: async (_, { ms }) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
    },
  },
);
