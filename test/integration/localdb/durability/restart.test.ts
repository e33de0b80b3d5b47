import {
  Binary,
  BSONRegExp,
  BSONSymbol,
  Code,
  DBRef,
  Decimal128,
  type Document,
  Double,
  EJSON,
  Int32,
  Long,
  MaxKey,
  MinKey,
  ObjectId,
  Timestamp,
  UUID,
} from 'bson';
import { MongoClient, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalDb, startLocalDb } from '#localdb/index.ts';
import { tempDbPath } from './temp-dir.ts';

const RAW = { promoteValues: false, promoteLongs: false, bsonRegExp: true } as const;

/** One field of every BSON type the driver can send (the deprecated undefined/DBPointer aside). */
const EVERY_TYPE: Document = {
  _id: new ObjectId(),
  double: new Double(1),
  fraction: new Double(3.25),
  string: 'héllo wörld',
  object: { nested: { deep: [1, { x: 'y' }] } },
  array: [new Int32(1), 'two', { three: new Double(3) }, []],
  binary: new Binary(Buffer.from([0, 1, 2, 255]), 0),
  userBinary: new Binary(Buffer.from('custom'), 0x80),
  uuid: new UUID(),
  objectId: new ObjectId(),
  boolean: true,
  date: new Date('2024-02-29T12:34:56.789Z'),
  null: null,
  regex: new BSONRegExp('^a.*b$', 'imsux'),
  code: new Code('function () { return 1; }'),
  symbol: new BSONSymbol('sym'),
  codeWithScope: new Code('function () { return x; }', { x: new Int32(1) }),
  int32: new Int32(-42),
  timestamp: new Timestamp({ t: 1_700_000_000, i: 7 }),
  long: Long.fromString('9007199254740993'),
  decimal: Decimal128.fromString('1.10'),
  minKey: new MinKey(),
  maxKey: new MaxKey(),
  dbRef: new DBRef('people', new ObjectId(), 'other'),
};

interface Observed {
  databases: string[];
  collections: Document[];
  indexes: Record<string, Document[]>;
  documents: Record<string, string>;
}

/** Everything a restart must keep, in a comparable form (documents as canonical Extended JSON). */
async function observe(client: MongoClient, dbName: string): Promise<Observed> {
  const db = client.db(dbName);
  const { databases } = await client.db('admin').command({ listDatabases: 1, nameOnly: true });
  const collections = (await db.listCollections({}, { nameOnly: false }).toArray())
    .map((info) => ({ name: info.name, type: info.type, options: (info as Document).options }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const indexes: Record<string, Document[]> = {};
  const documents: Record<string, string> = {};
  for (const { name } of collections) {
    indexes[name] = await db.collection(name).listIndexes().toArray();
    const docs = await db.collection(name).find({}, RAW).toArray();
    documents[name] = EJSON.stringify(docs, { relaxed: false });
  }
  return {
    databases: databases.map((d: Document) => d.name as string).sort(),
    collections,
    indexes,
    documents,
  };
}

describe('localdb with a dbPath keeps its data across a restart', () => {
  let dir: Awaited<ReturnType<typeof tempDbPath>>;
  let server: LocalDb | undefined;
  let client: MongoClient | undefined;
  const dbName = 'durable';

  async function start(): Promise<MongoClient> {
    server = await startLocalDb({ port: 0, dbPath: dir.path });
    client = new MongoClient(server.uri, { serverSelectionTimeoutMS: 5_000 });
    await client.connect();
    return client;
  }

  async function stop(): Promise<void> {
    await client?.close();
    await server?.stop();
    client = undefined;
    server = undefined;
  }

  beforeAll(async () => {
    dir = await tempDbPath('restart');
  });

  afterAll(async () => {
    await stop();
    await dir.remove();
  });

  it('restores collections, options, validators, indexes and documents of every BSON type', async () => {
    const first = await start();
    const db = first.db(dbName);
    await db.createCollection('people', {
      validator: { $jsonSchema: { bsonType: 'object', required: ['name'] } },
    });
    const people = db.collection('people');
    await people.createIndex({ email: 1 }, { unique: true });
    await people.createIndex({ createdAt: 1 }, { expireAfterSeconds: 3600 });
    await people.createIndex(
      { age: -1, name: 1 },
      { name: 'adults', partialFilterExpression: { age: { $gte: 18 } } },
    );
    await people.createIndex({ nick: 1 }, { name: 'dropped_later' });
    await people.dropIndex('dropped_later');
    await db.command({ collMod: 'people', validationLevel: 'moderate' });
    await people.insertMany([
      { name: 'Ada', email: 'ada@example.com', age: 36, createdAt: new Date() },
      { name: 'Bob', email: 'bob@example.com', age: 17 },
      { name: 'Cy', email: 'cy@example.com' },
    ]);
    await people.updateOne({ name: 'Bob' }, { $set: { age: 18 }, $inc: { visits: 1 } });
    await people.replaceOne({ name: 'Cy' }, { name: 'Cy', email: 'cy@example.org' });
    await people.deleteOne({ name: 'Ada' });

    await db.collection('types').insertOne(EVERY_TYPE);
    // No _id sent: the server generates one, and the restart must keep that very value.
    await db.command({ insert: 'generated', documents: [{ n: 1 }, { n: 2 }] });
    await db.collection('before_rename').insertOne({ kept: true });
    await first
      .db('admin')
      .command({ renameCollection: `${dbName}.before_rename`, to: `${dbName}.after_rename` });
    await db.collection('gone').insertOne({ doomed: true });
    await db.collection('gone').drop();
    await first.db(`${dbName}_dropped`).collection('x').insertOne({ doomed: true });
    await first.db(`${dbName}_dropped`).dropDatabase();
    const before = await observe(first, dbName);
    await stop();

    const second = await start();
    const after = await observe(second, dbName);
    expect(after).toEqual(before);
    expect(before.collections.map((c) => c.name)).toEqual([
      'after_rename',
      'generated',
      'people',
      'types',
    ]);
    expect(before.databases).not.toContain(`${dbName}_dropped`);
    expect(before.indexes.people?.map((i) => i.name)).toEqual([
      '_id_',
      'email_1',
      'createdAt_1',
      'adults',
    ]);
    const [types] = await second.db(dbName).collection('types').find({}, RAW).toArray();
    expect(EJSON.stringify(types, { relaxed: false })).toBe(
      EJSON.stringify(EVERY_TYPE, { relaxed: false }),
    );
  });

  it('enforces the restored validator and unique index', async () => {
    const people = (client ?? (await start())).db(dbName).collection('people');
    const noName = await people.insertOne({ email: 'x@example.com' }).catch((e: unknown) => e);
    expect(noName).toBeInstanceOf(MongoServerError);
    expect((noName as MongoServerError).code).toBe(121);
    const duplicate = await people
      .insertOne({ name: 'Bobby', email: 'bob@example.com' })
      .catch((e: unknown) => e);
    expect((duplicate as MongoServerError).code).toBe(11000);
    const byPartial = await people
      .find({ age: { $gte: 18 } })
      .hint('adults')
      .toArray();
    expect(byPartial.map((p) => p.name)).toEqual(['Bob']);
  });

  it('refuses a second server on the same dbPath while the first runs', async () => {
    if (!server) await start();
    await expect(startLocalDb({ port: 0, dbPath: dir.path })).rejects.toThrow(/already open/);
  });
});
