import { setTimeout as sleep } from 'node:timers/promises';
import type { ClientSession, Db, Document, MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectTestClient, uniqueDbName } from '#test/support/database.ts';

/** Two clients writing the same documents (real driver, the run's database). */
describe('transactions: write conflicts between clients', () => {
  let alice: MongoClient;
  let bob: MongoClient;
  let aliceDb: Db;
  let bobDb: Db;

  beforeAll(async () => {
    alice = await connectTestClient();
    bob = await connectTestClient();
    const name = uniqueDbName('txn_conflicts');
    aliceDb = alice.db(name);
    bobDb = bob.db(name);
  });
  afterAll(async () => {
    await aliceDb?.dropDatabase();
    await alice?.close();
    await bob?.close();
  });
  beforeEach(async () => {
    await aliceDb.collection('c').deleteMany({});
    await aliceDb.collection('c').insertMany([
      { _id: 1, n: 0 },
      { _id: 2, n: 0 },
    ] as Document[]);
  });

  const inc = (db: Db, id: number, session?: ClientSession) =>
    db
      .collection('c')
      .updateOne({ _id: id } as Document, { $inc: { n: 1 } }, session ? { session } : {});

  /** Runs `body` inside a transaction on a fresh session of `client`, ending the session after. */
  async function inTransaction(
    client: MongoClient,
    body: (session: ClientSession) => Promise<void>,
  ): Promise<void> {
    const session = client.startSession();
    try {
      session.startTransaction();
      await body(session);
    } finally {
      await session.endSession();
    }
  }

  /** Alice's and Bob's transactions, open at the same time. */
  const inBothTransactions = (body: (a: ClientSession, b: ClientSession) => Promise<void>) =>
    inTransaction(alice, (a) => inTransaction(bob, (b) => body(a, b)));

  const expectN = async (id: number, n: number) =>
    expect(await aliceDb.collection('c').findOne({ _id: id } as Document)).toEqual({ _id: id, n });

  it('the second transaction writing a document gets WriteConflict (112) with TransientTransactionError, and is aborted', () =>
    inBothTransactions(async (a, b) => {
      await inc(aliceDb, 1, a);
      const conflict = inc(bobDb, 1, b);
      await expect(conflict).rejects.toMatchObject({ code: 112, codeName: 'WriteConflict' });
      const error = (await conflict.catch((e: unknown) => e)) as { errorLabels?: string[] };
      expect(error.errorLabels).toContain('TransientTransactionError');
      // The server aborted bob's transaction: its next statement finds no transaction.
      const next = bobDb.collection('c').findOne({}, { session: b });
      await expect(next).rejects.toMatchObject({ code: 251, codeName: 'NoSuchTransaction' });
      await a.commitTransaction();
      await expectN(1, 1);
    }));

  it('different documents do not conflict: both transactions commit', () =>
    inBothTransactions(async (a, b) => {
      await inc(aliceDb, 1, a);
      await inc(bobDb, 2, b);
      await aliceDb.collection('c').insertOne({ _id: 3 } as Document, { session: a });
      await bobDb.collection('c').insertOne({ _id: 4 } as Document, { session: b });
      await a.commitTransaction();
      await b.commitTransaction();
      expect(await aliceDb.collection('c').find().toArray()).toEqual([
        { _id: 1, n: 1 },
        { _id: 2, n: 1 },
        { _id: 3 },
        { _id: 4 },
      ]);
    }));

  it('a document committed by someone else after the snapshot is a conflict', () =>
    inTransaction(alice, async (a) => {
      await aliceDb.collection('c').findOne({}, { session: a });
      await inc(bobDb, 1);
      await expect(inc(aliceDb, 1, a)).rejects.toMatchObject({ code: 112 });
      await a.abortTransaction();
      await expectN(1, 1);
    }));

  it('withTransaction retries after the conflict and succeeds once the other transaction commits', async () => {
    const a = alice.startSession();
    const b = bob.startSession();
    let attempts = 0;
    try {
      a.startTransaction();
      await inc(aliceDb, 1, a);
      const commitLater = sleep(300).then(() => a.commitTransaction());
      await b.withTransaction(async () => {
        attempts += 1;
        await inc(bobDb, 1, b);
      });
      await commitLater;
      expect(attempts).toBeGreaterThan(1);
      await expectN(1, 2);
    } finally {
      await a.endSession();
      await b.endSession();
    }
  });

  it('a write outside transactions waits for the lock and applies after the commit', () =>
    inTransaction(alice, async (a) => {
      await inc(aliceDb, 1, a);
      let settled = false;
      const waiting = inc(bobDb, 1).finally(() => {
        settled = true;
      });
      await sleep(200);
      expect(settled).toBe(false);
      await a.commitTransaction();
      expect((await waiting).modifiedCount).toBe(1);
      await expectN(1, 2);
    }));

  it('a waiting write applies on the rolled-back value after an abort', () =>
    inTransaction(alice, async (a) => {
      await aliceDb
        .collection('c')
        .updateOne({ _id: 1 } as Document, { $set: { n: 100 } }, { session: a });
      const waiting = inc(bobDb, 1);
      await sleep(100);
      await a.abortTransaction();
      await waiting;
      await expectN(1, 1);
    }));

  it('the wait is bounded by maxTimeMS (MaxTimeMSExpired, nothing applied)', () =>
    inTransaction(alice, async (a) => {
      await inc(aliceDb, 1, a);
      const bounded = bobDb.command({
        update: 'c',
        updates: [{ q: { _id: 1 }, u: { $inc: { n: 10 } } }],
        maxTimeMS: 150,
      });
      await expect(bounded).rejects.toMatchObject({ code: 50, codeName: 'MaxTimeMSExpired' });
      await a.commitTransaction();
      await expectN(1, 1);
    }));

  it('a batch meeting a lock part-way waits, then finishes without redoing its first statements', () =>
    inTransaction(alice, async (a) => {
      await inc(aliceDb, 1, a);
      // One update command of three statements; the second meets alice's lock.
      const batch = bobDb.command({
        update: 'c',
        updates: [
          { q: { _id: 2 }, u: { $inc: { n: 1 } } },
          { q: { _id: 1 }, u: { $inc: { n: 1 } } },
          { q: { _id: 2 }, u: { $inc: { n: 10 } } },
        ],
      });
      await sleep(150);
      await a.commitTransaction();
      expect(await batch).toMatchObject({ n: 3, nModified: 3 });
      expect(await aliceDb.collection('c').find().toArray()).toEqual([
        { _id: 1, n: 2 },
        { _id: 2, n: 11 },
      ]);
    }));

  it('a multi-document update that wrote before meeting the lock answers WriteConflict', () =>
    inTransaction(alice, async (a) => {
      await inc(aliceDb, 2, a);
      const multi = bobDb.collection('c').updateMany({}, { $set: { seen: true } });
      await expect(multi).rejects.toMatchObject({ code: 112 });
      await a.abortTransaction();
    }));
});
