import { ConnectionString } from 'mongodb-connection-string-url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { timeBudget } from '#lib/mongo/deadline.ts';
import { connectTestClient, testMongoUri, uniqueDbName } from '#test/support/database.ts';

const MAIN = uniqueDbName('conn_main');
const ARCHIVE = uniqueDbName('conn_archive');
const MIRROR = uniqueDbName('conn_mirror');
const OTHER = uniqueDbName('conn_other');
let lib: {
  model: typeof import('#lib/model/index.ts');
  mongo: typeof import('#lib/mongo/index.ts');
};

beforeAll(async () => {
  const uri = testMongoUri();
  const distinct = new ConnectionString(uri);
  distinct.searchParams.set('appName', 'other-cluster');
  // Seed 002's config prefix: each extra database has its own MONGODB_<NAME>_URI / _DB.
  Object.assign(process.env, {
    MONGODB_URI: uri,
    MONGODB_DB: MAIN,
    MONGODB_ARCHIVE_URI: uri,
    MONGODB_ARCHIVE_DB: ARCHIVE,
    MONGODB_MIRROR_URI: uri,
    MONGODB_MIRROR_DB: MIRROR,
    MONGODB_OTHER_URI: distinct.toString(),
    MONGODB_OTHER_DB: OTHER,
  });
  delete process.env.MONGODB_URI_SSM_PARAMETER;
  vi.resetModules();
  lib = { model: await import('#lib/model/index.ts'), mongo: await import('#lib/mongo/index.ts') };
});
afterAll(async () => {
  for (const name of ['ARCHIVE', 'MIRROR', 'OTHER']) {
    delete process.env[`MONGODB_${name}_URI`];
    delete process.env[`MONGODB_${name}_DB`];
  }
  await lib?.mongo.resetMongoClient();
  const client = await connectTestClient();
  for (const db of [MAIN, ARCHIVE, MIRROR, OTHER]) await client.db(db).dropDatabase();
  await client.close();
});

describe('models on named connections', () => {
  it('write to their own database, sharing one cached client per distinct URI', async () => {
    const { model } = lib.model;
    const schema = z.strictObject({ note: z.string() });
    const defaultClient = await lib.mongo.getMongoClient(testMongoUri(), {});
    const ctx = { db: defaultClient.db(MAIN), budget: timeBudget(30_000, 0) };
    const models = {
      [MAIN]: model({ name: 'note', collection: 'notes', schema }),
      [ARCHIVE]: model({ name: 'note', collection: 'notes', schema, connection: 'archive' }),
      [MIRROR]: model({ name: 'note', collection: 'notes', schema, connection: 'mirror' }),
      [OTHER]: model({ name: 'note', collection: 'notes', schema, connection: 'other' }),
    };
    for (const [db, m] of Object.entries(models)) await m.bind(ctx).insert({ note: db });
    const check = await connectTestClient();
    try {
      for (const db of Object.keys(models)) {
        const notes = await check
          .db(db)
          .collection('notes')
          .find({}, { projection: { _id: 0 } })
          .toArray();
        expect(notes).toEqual([{ note: db }]);
      }
    } finally {
      await check.close();
    }
    // default, archive and mirror share a URI: one client; `other` is a second one.
    expect(lib.mongo.mongoClientsCreated()).toBe(2);
    for (const m of Object.values(models)) await m.bind(ctx).count();
    expect(lib.mongo.mongoClientsCreated()).toBe(2);
  });

  it('names the missing variables for an unknown connection', async () => {
    const { model } = lib.model;
    const ctx = {
      db: (await lib.mongo.getMongoClient(testMongoUri(), {})).db(MAIN),
      budget: timeBudget(5_000, 0),
    };
    const ghost = model({
      name: 'g',
      collection: 'g',
      schema: z.strictObject({}),
      connection: 'ghost',
    });
    await expect(ghost.bind(ctx).count()).rejects.toThrow(
      'set MONGODB_GHOST_URI and MONGODB_GHOST_DB',
    );
  });
});
