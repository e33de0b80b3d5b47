import { describe, expect, it } from 'vitest';
import { uniqueDbName } from '#test/support/database.ts';
import { failure } from '#test/support/server-failure.ts';
import { useTestDb } from '#test/support/test-db.ts';

describe('collections and databases through the mongodb driver', () => {
  const own = useTestDb('colls');

  it('lists collections as a cursor with MongoDB entry shapes, filters and nameOnly', async () => {
    await own.db.createCollection('alpha');
    await own.db.collection('beta').insertOne({ x: 1 });
    const reply = await own.db.command({ listCollections: 1, filter: { name: 'alpha' } });
    expect(reply.cursor.ns).toBe(`${own.db.databaseName}.$cmd.listCollections`);
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
    const names = await own.db.listCollections({}, { nameOnly: true }).toArray();
    expect(names.map((c) => c.name).sort()).toEqual(['alpha', 'beta']);
    expect(names[0]).toEqual({ name: expect.any(String), type: 'collection' });
  });

  it('renames a collection with its documents and indexes, honouring dropTarget', async () => {
    const from = own.db.collection('from');
    await from.insertMany([{ _id: 1 }, { _id: 2 }] as never[]);
    await from.createIndex({ a: 1 });
    await from.rename('to');
    expect(await own.db.collection('to').countDocuments()).toBe(2);
    expect((await own.db.collection('to').listIndexes().toArray()).map((i) => i.name)).toEqual([
      '_id_',
      'a_1',
    ]);
    expect((await own.db.listCollections({ name: 'from' }).toArray()).length).toBe(0);
    await own.db.collection('other').insertOne({ _id: 9 } as never);
    expect((await failure(own.db.collection('other').rename('to'))).code).toBe(48);
    await own.db.collection('other').rename('to', { dropTarget: true });
    expect(await own.db.collection('to').find().toArray()).toEqual([{ _id: 9 }]);
    const wrongDb = await failure(
      own.db.command({
        renameCollection: `${own.db.databaseName}.to`,
        to: `${own.db.databaseName}.x`,
      }),
    );
    expect(wrongDb.code).toBe(13);
    expect((await failure(own.db.collection('ghost').rename('y'))).code).toBe(26);
  });

  it('drops collections (a missing one is fine) and reports namespaces', async () => {
    await own.db.collection('gone').insertOne({ a: 1 });
    expect(await own.db.collection('gone').drop()).toBe(true);
    expect(await own.db.collection('gone').drop()).toBe(true);
    expect(await own.db.collection('gone').countDocuments()).toBe(0);
  });

  it('lists and drops databases', async () => {
    const other = own.client.db(uniqueDbName('colls2'));
    await other.collection('c').insertOne({ a: 1 });
    const { databases } = await own.client.db('admin').admin().listDatabases();
    const entry = databases.find((d) => d.name === other.databaseName);
    expect(entry).toMatchObject({ name: other.databaseName, empty: false });
    expect(entry?.sizeOnDisk).toBeGreaterThan(0);
    const names = await own.client
      .db('admin')
      .command({ listDatabases: 1, nameOnly: true, filter: { name: other.databaseName } });
    expect(names.databases).toEqual([{ name: other.databaseName }]);
    expect(await other.dropDatabase()).toBe(true);
    const after = await own.client.db('admin').admin().listDatabases({ nameOnly: true });
    expect(after.databases.map((d) => d.name)).not.toContain(other.databaseName);
  });

  it('refuses invalid names', async () => {
    expect((await failure(own.db.command({ insert: 3, documents: [{}] }))).code).toBe(73);
    expect((await failure(own.db.createCollection('bad$name'))).code).toBe(73);
  });
});
