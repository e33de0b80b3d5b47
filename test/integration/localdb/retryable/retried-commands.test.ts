import {
  type ClientSession,
  type Db,
  type Document,
  Long,
  type MongoClient,
  MongoServerError,
} from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectTestClient, uniqueDbName } from '#test/support/database.ts';

/**
 * A retry simulated by hand: the same write command sent twice with the same lsid (an explicit
 * session) and txnNumber, as the driver does after a network error. Runs on the run's database.
 */
describe('retryable writes: a statement is applied once per (lsid, txnNumber, stmtId)', () => {
  let client: MongoClient;
  let db: Db;
  let session: ClientSession;
  let txnNumber = 0;

  /** Sends `command` twice under one new txnNumber; returns both replies. */
  async function twice(command: Document): Promise<[Document, Document]> {
    txnNumber += 1;
    const sent = { ...command, txnNumber: Long.fromNumber(txnNumber) };
    const first = await db.command(sent, { session });
    const retry = await db.command(sent, { session });
    return [first, retry];
  }

  beforeAll(async () => {
    client = await connectTestClient();
    db = client.db(uniqueDbName('retryable'));
  });
  afterAll(async () => {
    await db?.dropDatabase();
    await client?.close();
  });
  beforeEach(async () => {
    await session?.endSession();
    // Ended sessions go back to the driver's pool and come back with the same lsid: the
    // txnNumber keeps growing across tests, as the driver's own numbering does.
    session = client.startSession();
    await db.collection('c').deleteMany({});
  });

  it('an insert retried answers the original n and inserts nothing twice', async () => {
    const [first, retry] = await twice({ insert: 'c', documents: [{ _id: 1 }, { _id: 2 }] });
    expect(first.n).toBe(2);
    expect(retry.n).toBe(2);
    expect(retry.writeErrors).toBeUndefined();
    expect(await db.collection('c').find().toArray()).toEqual([{ _id: 1 }, { _id: 2 }]);
  });

  it('an update retried answers the original n/nModified and increments once', async () => {
    await db.collection('c').insertOne({ _id: 1, n: 0 } as Document);
    const [first, retry] = await twice({
      update: 'c',
      updates: [{ q: { _id: 1 }, u: { $inc: { n: 1 } } }],
    });
    expect(retry).toMatchObject({ n: first.n, nModified: first.nModified });
    expect(first).toMatchObject({ n: 1, nModified: 1 });
    expect(await db.collection('c').findOne({ _id: 1 } as Document)).toEqual({ _id: 1, n: 1 });
  });

  it('an upsert retried answers the same upserted _id', async () => {
    const [first, retry] = await twice({
      update: 'c',
      updates: [{ q: { k: 'x' }, u: { $inc: { n: 1 } }, upsert: true }],
    });
    expect(first.upserted).toHaveLength(1);
    expect(retry.upserted).toEqual(first.upserted);
    expect(await db.collection('c').countDocuments({ k: 'x' })).toBe(1);
  });

  it('a delete retried answers n: 1 again, not 0', async () => {
    await db.collection('c').insertMany([{ _id: 1 }, { _id: 2 }] as Document[]);
    const [first, retry] = await twice({ delete: 'c', deletes: [{ q: {}, limit: 1 }] });
    expect(first.n).toBe(1);
    expect(retry.n).toBe(1);
    expect(await db.collection('c').countDocuments()).toBe(1);
  });

  it('a findAndModify retried answers the original value and modifies once', async () => {
    await db.collection('c').insertOne({ _id: 1, n: 5 } as Document);
    const [first, retry] = await twice({
      findAndModify: 'c',
      query: { _id: 1 },
      update: { $inc: { n: 1 } },
      new: true,
    });
    expect(first.value).toEqual({ _id: 1, n: 6 });
    expect(retry.value).toEqual({ _id: 1, n: 6 });
    expect(retry.lastErrorObject).toEqual(first.lastErrorObject);
    expect(await db.collection('c').findOne({ _id: 1 } as Document)).toEqual({ _id: 1, n: 6 });
  });

  it('a retried batch skips the applied statements and runs the failed one again', async () => {
    const [first, retry] = await twice({
      insert: 'c',
      documents: [{ _id: 1 }, { _id: 1 }, { _id: 3 }],
      ordered: false,
    });
    expect(first.n).toBe(2);
    expect(first.writeErrors.map((e: Document) => [e.index, e.code])).toEqual([[1, 11000]]);
    expect(retry.n).toBe(2);
    expect(retry.writeErrors.map((e: Document) => [e.index, e.code])).toEqual([[1, 11000]]);
  });

  it('explicit stmtIds identify statements: a retry of stmtId 7 alone is recognised', async () => {
    txnNumber += 1;
    const base = { insert: 'c', txnNumber: Long.fromNumber(txnNumber) };
    await db.command(
      { ...base, documents: [{ _id: 1 }, { _id: 2 }], stmtIds: [7, 8] },
      { session },
    );
    const retry = await db.command({ ...base, documents: [{ _id: 2 }], stmtIds: [8] }, { session });
    expect(retry.n).toBe(1);
    expect(retry.writeErrors).toBeUndefined();
  });

  it('a txnNumber older than the session latest answers TransactionTooOld (225)', async () => {
    await twice({ insert: 'c', documents: [{ _id: 1 }] });
    await twice({ insert: 'c', documents: [{ _id: 2 }] });
    const old = db.command(
      { insert: 'c', documents: [{ _id: 3 }], txnNumber: Long.fromNumber(txnNumber - 1) },
      { session },
    );
    await expect(old).rejects.toMatchObject({ code: 225, codeName: 'TransactionTooOld' });
    expect(await db.collection('c').countDocuments({ _id: 3 } as Document)).toBe(0);
  });

  it('another session with the same txnNumber is another write', async () => {
    await twice({ insert: 'c', documents: [{ _id: 1 }] });
    // A client of its own: a fresh session pool, so a never-used lsid.
    const otherClient = await connectTestClient();
    const other = otherClient.startSession();
    try {
      const reply = await otherClient
        .db(db.databaseName)
        .command(
          { insert: 'c', documents: [{ _id: 1 }], txnNumber: Long.fromNumber(1) },
          { session: other },
        )
        .catch((error: unknown) => error);
      expect(reply).not.toBeInstanceOf(MongoServerError);
      expect((reply as Document).writeErrors?.[0]?.code).toBe(11000);
    } finally {
      await other.endSession();
      await otherClient.close();
    }
  });

  it('an unacknowledged write (w: 0) is not retryable: sent twice, it applies twice', async () => {
    await db.collection('c').insertOne({ _id: 1, n: 0 } as Document);
    await twice({
      update: 'c',
      updates: [{ q: { _id: 1 }, u: { $inc: { n: 1 } } }],
      writeConcern: { w: 0 },
    });
    await expect
      .poll(() => db.collection('c').findOne({ _id: 1 } as Document))
      .toEqual({ _id: 1, n: 2 });
  });
});
