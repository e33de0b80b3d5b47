import { MongoClient, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalDb, startLocalDb } from '#localdb/index.ts';

// A localdb of this file's own with short timings: the engine reads LOCALDB_TTL_MONITOR_MS and
// LOCALDB_CURSOR_TIMEOUT_MS when it is created (localdb/storage/engine-options.ts).
describe('cursor timeout and TTL expiry on a localdb with short timings', () => {
  let server: LocalDb;
  let client: MongoClient;
  beforeAll(async () => {
    process.env.LOCALDB_TTL_MONITOR_MS = '100';
    process.env.LOCALDB_CURSOR_TIMEOUT_MS = '300';
    try {
      server = await startLocalDb({ port: 0 });
    } finally {
      delete process.env.LOCALDB_TTL_MONITOR_MS;
      delete process.env.LOCALDB_CURSOR_TIMEOUT_MS;
    }
    client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 5_000 });
    await client.connect();
  });
  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });

  it('forgets a cursor left idle longer than the cursor timeout (43 CursorNotFound)', async () => {
    const db = client.db('timeouts');
    await db.collection('c').insertMany([{ a: 1 }, { a: 2 }, { a: 3 }]);
    const reply = await db.command({ find: 'c', batchSize: 1 });
    const kept = await db.command({ getMore: reply.cursor.id, collection: 'c', batchSize: 1 });
    expect(kept.cursor.nextBatch).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const error = await db
      .command({ getMore: reply.cursor.id, collection: 'c' })
      .catch((e: MongoServerError) => e);
    expect(error).toBeInstanceOf(MongoServerError);
    expect((error as MongoServerError).code).toBe(43);
  });

  it('deletes documents whose TTL index date has passed', async () => {
    const c = client.db('timeouts').collection('sessions');
    await c.createIndex({ at: 1 }, { expireAfterSeconds: 1 });
    const old = new Date(Date.now() - 5_000);
    await c.insertMany([
      { _id: 'old', at: old },
      { _id: 'fresh', at: new Date(Date.now() + 60_000) },
      { _id: 'nodate', at: 'soon' },
    ] as never[]);
    const deadline = Date.now() + 5_000;
    while ((await c.countDocuments({ _id: 'old' as never })) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect((await c.find({}, { sort: { _id: 1 } }).toArray()).map((d) => d._id)).toEqual([
      'fresh',
      'nodate',
    ]);
    const [ttl] = (await c.listIndexes().toArray()).filter((i) => i.name === 'at_1');
    expect(ttl).toEqual({ v: 2, key: { at: 1 }, name: 'at_1', expireAfterSeconds: 1 });
  });
});
