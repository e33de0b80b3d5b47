import { setTimeout as sleep } from 'node:timers/promises';
import type { Document } from 'mongodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { connectTestClient } from '#test/support/database.ts';
import { inTransaction } from '#test/support/in-transaction.ts';
import { useTestDb } from '#test/support/test-db.ts';

/** Unique indexes and validators inside transactions and again at commit (real driver). */
describe('transactions: unique indexes and validators', () => {
  const own = useTestDb('txn_constraints', async (db) => {
    await db.createCollection('people', {
      validator: { $jsonSchema: { bsonType: 'object', required: ['email'] } },
    });
    await db.collection('people').createIndex({ email: 1 }, { unique: true });
  });
  const people = () => own.db.collection('people');
  beforeEach(async () => {
    await people().deleteMany({});
    await people().insertOne({ _id: 1, email: 'a@x' } as Document);
  });

  it('a duplicate key inside the transaction fails the statement and aborts the transaction', () =>
    inTransaction(own.client, async (session) => {
      await people().insertOne({ _id: 2, email: 'b@x' } as Document, { session });
      const duplicate = people().insertOne({ _id: 3, email: 'a@x' } as Document, { session });
      await expect(duplicate).rejects.toMatchObject({ code: 11000 });
      await expect(session.commitTransaction()).rejects.toMatchObject({ code: 251 });
      expect(await people().countDocuments()).toBe(1);
    }));

  it("the transaction's own writes count for uniqueness: the key it freed can be reused", () =>
    inTransaction(own.client, async (session) => {
      await people().updateOne({ _id: 1 } as Document, { $set: { email: 'old@x' } }, { session });
      await people().insertOne({ _id: 2, email: 'a@x' } as Document, { session });
      await session.commitTransaction();
      expect(await people().find().sort({ _id: 1 }).toArray()).toEqual([
        { _id: 1, email: 'old@x' },
        { _id: 2, email: 'a@x' },
      ]);
    }));

  it('a validator failure inside the transaction is DocumentValidationFailure (121)', () =>
    inTransaction(own.client, async (session) => {
      const invalid = people().insertOne({ _id: 2 } as Document, { session });
      await expect(invalid).rejects.toMatchObject({ code: 121 });
      await session.abortTransaction();
      expect(await people().countDocuments()).toBe(1);
    }));

  it('a unique key written by an open transaction makes another writer wait, then fail on it', async () => {
    const session = own.client.startSession();
    const other = await connectTestClient();
    try {
      session.startTransaction();
      await people().insertOne({ _id: 2, email: 'c@x' } as Document, { session });
      let settled = false;
      const taking = other
        .db(own.db.databaseName)
        .collection('people')
        .insertOne({ _id: 9, email: 'c@x' } as Document)
        .finally(() => {
          settled = true;
        });
      await sleep(150);
      expect(settled).toBe(false);
      await session.commitTransaction();
      await expect(taking).rejects.toMatchObject({ code: 11000 });
      expect(await people().countDocuments({ email: 'c@x' })).toBe(1);
    } finally {
      await session.endSession();
      await other.close();
    }
  });

  it('a unique key taken by someone else after the snapshot is a write conflict for the transaction', async () => {
    const session = own.client.startSession();
    const other = await connectTestClient();
    try {
      session.startTransaction();
      await people().findOne({}, { session });
      await other
        .db(own.db.databaseName)
        .collection('people')
        .insertOne({ _id: 9, email: 'c@x' } as Document);
      // The snapshot does not hold c@x, but the key was written after it: a write conflict at
      // the statement, and the transaction (with its first insert) is gone.
      await people().insertOne({ _id: 2, email: 'first@x' } as Document, { session });
      const taking = people().insertOne({ _id: 3, email: 'c@x' } as Document, { session });
      await expect(taking).rejects.toMatchObject({
        code: 112,
        errorLabels: expect.arrayContaining(['TransientTransactionError']),
      });
      await expect(session.commitTransaction()).rejects.toMatchObject({ code: 251 });
      expect(await people().find().sort({ _id: 1 }).toArray()).toEqual([
        { _id: 1, email: 'a@x' },
        { _id: 9, email: 'c@x' },
      ]);
    } finally {
      await session.endSession();
      await other.close();
    }
  });
});
