import { setTimeout as sleep } from 'node:timers/promises';
import type { ClientSession, Db, Document } from 'mongodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '#test/support/in-transaction.ts';
import { useTwoClientsOnOneDb } from './two-clients.ts';

/** Two clients writing the same documents (real driver, the run's database). */
describe('transactions: write conflicts between clients', () => {
  const [alice, bob] = useTwoClientsOnOneDb('txn_conflicts');
  beforeEach(async () => {
    await alice.db.collection('c').deleteMany({});
    await alice.db.collection('c').insertMany([
      { _id: 1, n: 0 },
      { _id: 2, n: 0 },
    ] as Document[]);
  });

  const inc = (db: Db, id: number, session?: ClientSession) =>
    db
      .collection('c')
      .updateOne({ _id: id } as Document, { $inc: { n: 1 } }, session ? { session } : {});

  /** Alice's and Bob's transactions, open at the same time. */
  const inBothTransactions = (body: (a: ClientSession, b: ClientSession) => Promise<void>) =>
    inTransaction(alice.client, (a) => inTransaction(bob.client, (b) => body(a, b)));

  const expectN = async (id: number, n: number) =>
    expect(await alice.db.collection('c').findOne({ _id: id } as Document)).toEqual({ _id: id, n });

  it('the second transaction writing a document gets WriteConflict (112) with TransientTransactionError, and is aborted', () =>
    inBothTransactions(async (a, b) => {
      await inc(alice.db, 1, a);
      const conflict = inc(bob.db, 1, b);
      await expect(conflict).rejects.toMatchObject({ code: 112, codeName: 'WriteConflict' });
      const error = (await conflict.catch((e: unknown) => e)) as { errorLabels?: string[] };
      expect(error.errorLabels).toContain('TransientTransactionError');
      // The server aborted bob's transaction: its next statement finds no transaction.
      const next = bob.db.collection('c').findOne({}, { session: b });
      await expect(next).rejects.toMatchObject({ code: 251, codeName: 'NoSuchTransaction' });
      await a.commitTransaction();
      await expectN(1, 1);
    }));

  it('different documents do not conflict: both transactions commit', () =>
    inBothTransactions(async (a, b) => {
      await inc(alice.db, 1, a);
      await inc(bob.db, 2, b);
      await alice.db.collection('c').insertOne({ _id: 3 } as Document, { session: a });
      await bob.db.collection('c').insertOne({ _id: 4 } as Document, { session: b });
      await a.commitTransaction();
      await b.commitTransaction();
      expect(await alice.db.collection('c').find().toArray()).toEqual([
        { _id: 1, n: 1 },
        { _id: 2, n: 1 },
        { _id: 3 },
        { _id: 4 },
      ]);
    }));

  it('a document committed by someone else after the snapshot is a conflict', () =>
    inTransaction(alice.client, async (a) => {
      await alice.db.collection('c').findOne({}, { session: a });
      await inc(bob.db, 1);
      await expect(inc(alice.db, 1, a)).rejects.toMatchObject({ code: 112 });
      await a.abortTransaction();
      await expectN(1, 1);
    }));

  it('withTransaction retries after the conflict and succeeds once the other transaction commits', async () => {
    const a = alice.client.startSession();
    const b = bob.client.startSession();
    let attempts = 0;
    try {
      a.startTransaction();
      await inc(alice.db, 1, a);
      const commitLater = sleep(300).then(() => a.commitTransaction());
      await b.withTransaction(async () => {
        attempts += 1;
        await inc(bob.db, 1, b);
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
    inTransaction(alice.client, async (a) => {
      await inc(alice.db, 1, a);
      let settled = false;
      const waiting = inc(bob.db, 1).finally(() => {
        settled = true;
      });
      await sleep(200);
      expect(settled).toBe(false);
      await a.commitTransaction();
      expect((await waiting).modifiedCount).toBe(1);
      await expectN(1, 2);
    }));

  it('a waiting write applies on the rolled-back value after an abort', () =>
    inTransaction(alice.client, async (a) => {
      await alice.db
        .collection('c')
        .updateOne({ _id: 1 } as Document, { $set: { n: 100 } }, { session: a });
      const waiting = inc(bob.db, 1);
      await sleep(100);
      await a.abortTransaction();
      await waiting;
      await expectN(1, 1);
    }));

  it('the wait is bounded by maxTimeMS (MaxTimeMSExpired, nothing applied)', () =>
    inTransaction(alice.client, async (a) => {
      await inc(alice.db, 1, a);
      const bounded = bob.db.command({
        update: 'c',
        updates: [{ q: { _id: 1 }, u: { $inc: { n: 10 } } }],
        maxTimeMS: 150,
      });
      await expect(bounded).rejects.toMatchObject({ code: 50, codeName: 'MaxTimeMSExpired' });
      await a.commitTransaction();
      await expectN(1, 1);
    }));

  it('a batch meeting a lock part-way waits, then finishes without redoing its first statements', () =>
    inTransaction(alice.client, async (a) => {
      await inc(alice.db, 1, a);
      // One update command of three statements; the second meets alice's lock.
      const batch = bob.db.command({
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
      expect(await alice.db.collection('c').find().toArray()).toEqual([
        { _id: 1, n: 2 },
        { _id: 2, n: 11 },
      ]);
    }));

  it('a multi-document update that wrote before meeting the lock answers WriteConflict', () =>
    inTransaction(alice.client, async (a) => {
      await inc(alice.db, 2, a);
      const multi = bob.db.collection('c').updateMany({}, { $set: { seen: true } });
      await expect(multi).rejects.toMatchObject({ code: 112 });
      await a.abortTransaction();
    }));
});
