import {
  BSON,
  type CommandSucceededEvent,
  Decimal128,
  Long,
  type MongoClient,
  ObjectId,
} from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { model } from '#lib/model/index.ts';
import { timeBudget } from '#lib/mongo/deadline.ts';
import { connectTestClient, uniqueDbName } from '#test/support/database.ts';

// lib/model/raw-documents.ts: reads ask for raw BSON so that, with command monitoring on, the
// driver leaves the batch as bytes in its CommandSucceededEvent and each document is decoded once.
const Thing = model({
  name: 'thing',
  collection: 'things',
  schema: z.object({ name: z.string() }),
});

const stored = {
  _id: new ObjectId(),
  name: 'äöü – 漢字 ✓',
  big: Long.fromString('9007199254740993'),
  small: Long.fromNumber(42),
  price: Decimal128.fromString('19.99'),
  at: new Date('2026-01-02T03:04:05.678Z'),
  nested: { list: [1, 'two', { three: 3 }], bin: new BSON.Binary(Buffer.from('hi')) },
};

let client: MongoClient;
let longsClient: MongoClient;
const dbName = uniqueDbName('raw_reads');
const finds: CommandSucceededEvent[] = [];

beforeAll(async () => {
  process.env.MONGODB_URI ??= 'mongodb://127.0.0.1:1';
  process.env.MONGODB_DB ??= 'unused';
  client = await connectTestClient({ monitorCommands: true });
  client.on('commandSucceeded', (e) => {
    if (e.commandName === 'find') finds.push(e);
  });
  longsClient = await connectTestClient({ promoteLongs: false });
  await client.db(dbName).collection('things').insertOne(stored);
});
afterAll(async () => {
  await client.db(dbName).dropDatabase();
  await Promise.all([client.close(), longsClient.close()]);
});

const things = (c: MongoClient) => Thing.bind({ db: c.db(dbName), budget: timeBudget(30_000, 0) });
const exact = (value: unknown) => BSON.EJSON.stringify(value, { relaxed: false });
const firstBatch = (e: CommandSucceededEvent | undefined) =>
  (e?.reply as { cursor?: { firstBatch?: unknown[] } } | undefined)?.cursor?.firstBatch?.[0];

describe('model reads decode raw BSON once', () => {
  it('returns what the driver itself returns, type for type', async () => {
    const plain = await client.db(dbName).collection('things').findOne({ _id: stored._id });
    expect(exact(await things(client).get(stored._id))).toBe(exact(plain));
    expect(exact(await things(client).first({ name: stored.name }))).toBe(exact(plain));
    expect(exact(await things(client).find({}))).toBe(exact([plain]));
    const keyset = await things(client).paginate({}, { limit: 10 });
    expect(exact(keyset.items)).toBe(exact([plain]));
    const page = await things(client).paginate({}, { page: 1, perPage: 10 });
    expect(exact(page.items)).toBe(exact([plain]));
  });

  it('leaves the documents as bytes in the monitoring event (the driver decodes them otherwise)', async () => {
    finds.length = 0;
    await client.db(dbName).collection('things').findOne({ _id: stored._id });
    expect(firstBatch(finds.at(-1))).toMatchObject({ name: stored.name });
    await things(client).get(stored._id);
    expect(firstBatch(finds.at(-1))).toBeInstanceOf(Uint8Array);
  });

  it("decodes with the collection's own BSON options", async () => {
    const small = async (c: MongoClient) =>
      ((await things(c).get(stored._id)) as { small?: unknown } | null)?.small;
    expect(await small(longsClient)).toBeInstanceOf(Long);
    expect(await small(client)).toBe(42);
  });

  it('answers null for a missing document', async () => {
    expect(await things(client).get(new ObjectId())).toBeNull();
  });
});
