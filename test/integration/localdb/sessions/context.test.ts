import { MongoClient, UUID } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '#localdb/commands/types.ts';
import { type LocalDb, startLocalDb } from '#localdb/index.ts';

type SessionView = Pick<
  CommandContext,
  'sessionId' | 'txnNumber' | 'autocommit' | 'startTransaction' | 'stmtId'
>;

// What the storage side will build retryable writes and transactions on: the session fields the
// dispatcher reads into every command's context.
describe('session fields in the command context (real driver, localdb of its own)', () => {
  let db: LocalDb;
  let client: MongoClient;
  const seen = new Map<string, SessionView>();

  beforeAll(async () => {
    db = await startLocalDb({
      port: 0,
      beforeCommand: (name, _command, context) => {
        const { sessionId, txnNumber, autocommit, startTransaction, stmtId } = context;
        seen.set(name, { sessionId, txnNumber, autocommit, startTransaction, stmtId });
      },
    });
    client = new MongoClient(db.uri, { serverSelectionTimeoutMS: 5_000 });
    await client.connect();
  });
  afterAll(async () => {
    await client?.close();
    await db?.stop();
  });
  beforeEach(() => seen.clear());

  it('a retryable write: session id as a UUID string and txnNumber, no transaction fields', async () => {
    const session = client.startSession();
    try {
      await client.db('ctx').collection('c').insertOne({ a: 1 }, { session });
      await client.db('ctx').collection('c').insertOne({ a: 2 }, { session });
      expect(seen.get('insert')).toEqual({
        sessionId: new UUID(session.id?.id.buffer).toHexString(),
        txnNumber: 2,
        autocommit: undefined,
        startTransaction: undefined,
        stmtId: undefined,
      });
    } finally {
      await session.endSession();
    }
  });

  it('a read: the session id only', async () => {
    await client.db('ctx').collection('c').findOne({});
    expect(seen.get('find')?.sessionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
    expect(seen.get('find')?.txnNumber).toBeUndefined();
  });

  it('the first command of a transaction: autocommit false and startTransaction', async () => {
    const session = client.startSession();
    try {
      session.startTransaction();
      await client.db('ctx').collection('c').insertOne({ a: 3 }, { session });
      // The driver's pooled server session keeps counting from earlier tests: any number goes.
      expect(seen.get('insert')).toMatchObject({
        autocommit: false,
        startTransaction: true,
        txnNumber: expect.any(Number),
      });
    } finally {
      // localdb has no transactions yet: the driver's abortTransaction swallows the server's answer.
      await session.abortTransaction().catch(() => undefined);
      await session.endSession();
    }
  });
});
