import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';
import { startLocalDb } from '#localdb/index.ts';
import { readFrames } from '#localdb/storage/journal/frame.ts';
import { decodeOps } from '#localdb/storage/journal/records.ts';
import { tempDbPath } from './temp-dir.ts';

describe('a committed transaction on a dbPath', () => {
  let dir: Awaited<ReturnType<typeof tempDbPath>> | undefined;
  afterAll(async () => {
    await dir?.remove();
  });

  it('is journaled as one frame (all or nothing at replay) and is there after a restart', async () => {
    dir = await tempDbPath('txn');
    const first = await startLocalDb({ port: 0, dbPath: dir.path });
    const client = new MongoClient(first.uri);
    try {
      const db = client.db('bank');
      const accounts = db.collection<{ _id: string; balance: number }>('accounts');
      await accounts.insertMany([
        { _id: 'a', balance: 100 },
        { _id: 'b', balance: 0 },
      ]);
      await db.createCollection('ledger');
      await client.withSession((session) =>
        session.withTransaction(
          async () => {
            await accounts.updateOne({ _id: 'a' }, { $inc: { balance: -40 } }, { session });
            await accounts.updateOne({ _id: 'b' }, { $inc: { balance: 40 } }, { session });
            await db
              .collection('ledger')
              .insertOne({ from: 'a', to: 'b', amount: 40 }, { session });
          },
          { writeConcern: { w: 'majority' } },
        ),
      );
    } finally {
      await client.close();
      await first.stop();
    }

    const bytes = readFileSync(join(dir.path, 'journal-00000001.bin'));
    const frames = readFrames(bytes).payloads.map(decodeOps);
    const commit = frames.find((ops) => ops.some((op) => op.c === 'ledger' && op.k === 'put'));
    expect(commit?.map((op) => `${op.k} ${op.c} ${op.d?._id ?? ''}`.trim()).slice(0, 2)).toEqual([
      'put accounts a',
      'put accounts b',
    ]);
    expect(commit).toHaveLength(3);

    const second = await startLocalDb({ port: 0, dbPath: dir.path });
    const reader = new MongoClient(second.uri);
    try {
      const db = reader.db('bank');
      const balances = await db.collection('accounts').find().sort({ _id: 1 }).toArray();
      expect(balances.map((a) => [a._id, a.balance])).toEqual([
        ['a', 60],
        ['b', 40],
      ]);
      expect(await db.collection('ledger').countDocuments()).toBe(1);
    } finally {
      await reader.close();
      await second.stop();
    }
  });
});
