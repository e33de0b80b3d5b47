import { randomUUID } from 'node:crypto';
import type { CommandStartedEvent, Db, Document, MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectTestClient, onLocalDb, uniqueDbName } from '#test/support/database.ts';

/**
 * The driver's own retry: onPrimaryTransactionalWrite applies the write, then drops the
 * connection before the reply; the driver retries with the same lsid and txnNumber and must get
 * the original result without the write being applied twice. The fail point is scoped to this
 * file's appName, so other files on the shared server are not hit.
 */
describe.runIf(onLocalDb())(
  'retryable writes through the driver after a dropped connection',
  () => {
    const appName = `retry-${randomUUID()}`;
    let client: MongoClient;
    let admin: MongoClient;
    let db: Db;
    const started: CommandStartedEvent[] = [];

    const dropAfterApplying = (times: number) =>
      admin.db('admin').command({
        configureFailPoint: 'onPrimaryTransactionalWrite',
        mode: { times },
        data: { closeConnection: true, appName },
      });

    beforeAll(async () => {
      client = await connectTestClient({ appName, retryWrites: true, monitorCommands: true });
      client.on('commandStarted', (event) => started.push(event));
      admin = await connectTestClient();
      db = client.db(uniqueDbName('driver_retry'));
    });
    afterAll(async () => {
      await admin
        ?.db('admin')
        .command({ configureFailPoint: 'onPrimaryTransactionalWrite', mode: 'off' });
      await db?.dropDatabase();
      await client?.close();
      await admin?.close();
    });
    beforeEach(async () => {
      await db.collection('c').deleteMany({});
      started.length = 0;
    });

    const sent = (name: string) =>
      started.filter((event) => event.commandName === name).map((event) => event.command);

    it('an $inc whose reply was lost is retried and applied once', async () => {
      await db.collection('c').insertOne({ _id: 1, n: 0 } as Document);
      await dropAfterApplying(1);
      const result = await db.collection('c').updateOne({ _id: 1 } as Document, { $inc: { n: 1 } });
      expect(result.modifiedCount).toBe(1);
      const updates = sent('update');
      expect(updates).toHaveLength(2);
      expect(updates[1]?.txnNumber).toEqual(updates[0]?.txnNumber);
      expect(await db.collection('c').findOne({ _id: 1 } as Document)).toEqual({ _id: 1, n: 1 });
    });

    it('insertMany whose reply was lost reports every insert, none duplicated', async () => {
      await dropAfterApplying(1);
      const result = await db.collection('c').insertMany([{ _id: 1 }, { _id: 2 }] as Document[]);
      expect(result.insertedCount).toBe(2);
      expect(sent('insert')).toHaveLength(2);
      expect(await db.collection('c').find().toArray()).toEqual([{ _id: 1 }, { _id: 2 }]);
    });

    it('findOneAndUpdate whose reply was lost returns the document of the first attempt', async () => {
      await db.collection('c').insertOne({ _id: 1, n: 1 } as Document);
      await dropAfterApplying(1);
      const value = await db
        .collection('c')
        .findOneAndUpdate({ _id: 1 } as Document, { $inc: { n: 1 } }, { returnDocument: 'before' });
      expect(value).toEqual({ _id: 1, n: 1 });
      expect(await db.collection('c').findOne({ _id: 1 } as Document)).toEqual({ _id: 1, n: 2 });
    });

    it('deleteOne whose reply was lost still reports the deletion', async () => {
      await db.collection('c').insertMany([{ _id: 1 }, { _id: 2 }] as Document[]);
      await dropAfterApplying(1);
      const result = await db.collection('c').deleteOne({});
      expect(result.deletedCount).toBe(1);
      expect(await db.collection('c').countDocuments()).toBe(1);
    });
  },
);
