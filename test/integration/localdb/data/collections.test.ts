import type { Db, MongoClient, MongoServerError } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestClient, uniqueDbName } from '#test/support/database.ts';

const failure = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable('should fail'),
    (e: MongoServerError) => e,
  );

describe('collections and databases through the mongodb driver', () => {
  let client: MongoClient;
  let db: Db;
  beforeAll(async () => {
    client = await connectTestClient();
    db = client.db(uniqueDbName('colls'));
  });
  afterAll(async () => {
    await db?.dropDatabase();
    await client?.close();
  });

  it('lists collections as a cursor with MongoDB entry shapes, filters and nameOnly', async () => {
    await db.createCollection('alpha');
    await db.collection('beta').insertOne({ x: 1 });
    const reply = await db.command({ listCollections: 1, filter: { name: 'alpha' } });
    expect(reply.cursor.ns).toBe(`${db.databaseName}.$cmd.listCollections`);
    expect(Number(reply.cursor.id)).toBe(0);
    expect(reply.cursor.firstBatch).toEqual([
      {
        name: 'alpha',
        type: 'collection',
        options: {},
        info: { readOnly: false, uuid: expect.anything() },
        idIndex: { v: 2, key: { _id: 1 }, name: '_id_' },
      },
    ]);
    const names = await db.listCollections({}, { nameOnly: true }).toArray();
    expect(names.map((c) => c.name).sort()).toEqual(['alpha', 'beta']);
    expect(names[0]).toEqual({ name: expect.any(String), type: 'collection' });
  });

  it('renames a collection with its documents and indexes, honouring dropTarget', async () => {
    const from = db.collection('from');
    await from.insertMany([{ _id: 1 }, { _id: 2 }] as never[]);
    await from.createIndex({ a: 1 });
    await from.rename('to');
    expect(await db.collection('to').countDocuments()).toBe(2);
    expect((await db.collection('to').listIndexes().toArray()).map((i) => i.name)).toEqual([
      '_id_',
      'a_1',
    ]);
    expect((await db.listCollections({ name: 'from' }).toArray()).length).toBe(0);
    await db.collection('other').insertOne({ _id: 9 } as never);
    expect((await failure(db.collection('other').rename('to'))).code).toBe(48);
    await db.collection('other').rename('to', { dropTarget: true });
    expect(await db.collection('to').find().toArray()).toEqual([{ _id: 9 }]);
    const wrongDb = await failure(
      db.command({ renameCollection: `${db.databaseName}.to`, to: `${db.databaseName}.x` }),
    );
    expect(wrongDb.code).toBe(13);
    expect((await failure(db.collection('ghost').rename('y'))).code).toBe(26);
  });

  it('drops collections (a missing one is fine) and reports namespaces', async () => {
    await db.collection('gone').insertOne({ a: 1 });
    expect(await db.collection('gone').drop()).toBe(true);
    expect(await db.collection('gone').drop()).toBe(true);
    expect(await db.collection('gone').countDocuments()).toBe(0);
  });

  it('lists and drops databases', async () => {
    const other = client.db(uniqueDbName('colls2'));
    await other.collection('c').insertOne({ a: 1 });
    const { databases } = await client.db('admin').admin().listDatabases();
    const entry = databases.find((d) => d.name === other.databaseName);
    expect(entry).toMatchObject({ name: other.databaseName, empty: false });
    expect(entry?.sizeOnDisk).toBeGreaterThan(0);
    const names = await client
      .db('admin')
      .command({ listDatabases: 1, nameOnly: true, filter: { name: other.databaseName } });
    expect(names.databases).toEqual([{ name: other.databaseName }]);
    expect(await other.dropDatabase()).toBe(true);
    const after = await client.db('admin').admin().listDatabases({ nameOnly: true });
    expect(after.databases.map((d) => d.name)).not.toContain(other.databaseName);
  });

  it('refuses invalid names', async () => {
    expect((await failure(db.command({ insert: 3, documents: [{}] }))).code).toBe(73);
    expect((await failure(db.createCollection('bad$name'))).code).toBe(73);
  });
});
