import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { IndexDescription } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MODELS } from '#lib/catalog/models.ts';
import {
  applyMigration,
  DATA_MIGRATIONS_COLLECTION,
  formatPlan,
  planMigration,
} from '#lib/migrate/index.ts';
import { date, model } from '#lib/model/index.ts';
import { testMongoUri, uniqueDbName } from '#test/support/database.ts';
import { useModelFixture } from './support.ts';

const run = promisify(execFile);

const schema = z.strictObject({
  code: z.string().max(10),
  owner: z.string(),
  area: z.string().optional(),
  state: z.enum(['open', 'closed']),
  expiresAt: date(),
});
const indexes: IndexDescription[] = [
  { key: { code: 1 }, unique: true },
  { key: { owner: 1, state: -1 } },
  { key: { area: 1 }, sparse: true },
  { key: { state: 1 }, name: 'open_only', partialFilterExpression: { state: 'open' } },
  { key: { expiresAt: 1 }, expireAfterSeconds: 3600 },
];
const Tickets = model({ name: 'ticket', collection: 'tickets', schema, indexes });

const f = useModelFixture('model_migrate');

const plan = async (models: Parameters<typeof planMigration>[1] = [Tickets]) =>
  (await planMigration(f.db, models)).map((s) => `${s.action} ${s.detail.split(' ')[0]}`);

describe('planMigration / applyMigration', () => {
  it('creates the collection with its validator and every kind of index, then is a no-op', async () => {
    expect(await plan()).toEqual([
      'create collection with',
      'create index code_1',
      'create index owner_1_state_-1',
      'create index area_1',
      'create index open_only',
      'create index expiresAt_1',
    ]);
    await applyMigration(f.db, await planMigration(f.db, [Tickets]));
    expect(await plan()).toEqual([]);
    const listed = await f.db.collection('tickets').listIndexes().toArray();
    expect(listed.map((i) => i.name).sort()).toEqual(
      ['_id_', 'area_1', 'code_1', 'expiresAt_1', 'open_only', 'owner_1_state_-1'].sort(),
    );
    expect(listed.find((i) => i.name === 'code_1')?.unique).toBe(true);
    expect(listed.find((i) => i.name === 'area_1')?.sparse).toBe(true);
    expect(listed.find((i) => i.name === 'open_only')?.partialFilterExpression).toEqual({
      state: 'open',
    });
    expect(listed.find((i) => i.name === 'expiresAt_1')?.expireAfterSeconds).toBe(3600);
  });

  it('diffs a changed validator (collMod), a changed index (drop + create) and an undeclared one (drop)', async () => {
    await f.db.collection('tickets').createIndex({ owner: 1 }, { name: 'by_hand' });
    const changed = model({
      name: 'ticket',
      collection: 'tickets',
      schema: schema.extend({ code: z.string().max(12) }),
      validation: { action: 'warn' },
      indexes: indexes.map((i) => (i.expireAfterSeconds ? { ...i, expireAfterSeconds: 60 } : i)),
    });
    const steps = await planMigration(f.db, [changed]);
    expect(steps.map((s) => `${s.action} ${s.detail.split(' ')[0]}`)).toEqual([
      'set validator the',
      'drop index expiresAt_1',
      'create index expiresAt_1',
      'drop index by_hand',
    ]);
    expect(formatPlan('db', steps)).toContain(
      'db.tickets: drop index by_hand (not declared by the model)',
    );
    await applyMigration(f.db, steps);
    expect(await plan([changed])).toEqual([]);
    const [info] = await f.db.listCollections({ name: 'tickets' }).toArray();
    expect((info as { options: object }).options).toMatchObject({
      validator: changed.validator(),
      validationAction: 'warn',
    });
    // The original model is now the one that differs.
    expect(await plan()).toEqual([
      'set validator the',
      'drop index expiresAt_1',
      'create index expiresAt_1',
    ]);
  });

  it('compares a text index in the form the server lists it (_fts/_ftsx, weights, languages)', async () => {
    const notes = (weights?: Record<string, number>) =>
      model({
        name: 'note',
        collection: 'notes',
        schema: z.strictObject({ title: z.string(), body: z.string() }),
        indexes: [{ key: { title: 'text', body: 'text' }, ...(weights ? { weights } : {}) }],
      });
    expect(await plan([notes()])).toEqual([
      'create collection with',
      'create index title_text_body_text',
    ]);
    await applyMigration(f.db, await planMigration(f.db, [notes()]));
    const listed = await f.db.collection('notes').listIndexes().toArray();
    expect(listed.find((i) => i.name === 'title_text_body_text')?.key).toEqual({
      _fts: 'text',
      _ftsx: 1,
    });
    expect(await plan([notes()])).toEqual([]);
    expect(await plan([notes({ title: 10 })])).toEqual([
      'drop index title_text_body_text',
      'create index title_text_body_text',
    ]);
  });

  it("builds a collated model's indexes with its collation, and rebuilds them when it changes", async () => {
    const people = (collation?: { locale: string; strength?: number }) =>
      model({
        name: 'person',
        collection: 'people',
        schema: z.strictObject({ name: z.string(), age: z.number() }),
        indexes: [{ key: { name: 1, _id: 1 } }, { key: { age: 1 }, name: 'by_age' }],
        ...(collation ? { collation } : {}),
      });
    const caseInsensitive = { locale: 'en', strength: 2 };
    await applyMigration(f.db, await planMigration(f.db, [people(caseInsensitive)]));
    const listed = await f.db.collection('people').listIndexes().toArray();
    for (const name of ['name_1__id_1', 'by_age']) {
      // mongod lists every field of the collation; the declared ones are as declared.
      expect(listed.find((i) => i.name === name)?.collation).toMatchObject(caseInsensitive);
    }
    expect(await plan([people(caseInsensitive)])).toEqual([]);
    expect(await plan([people({ locale: 'en', strength: 1 })])).toEqual([
      'drop index name_1__id_1',
      'create index name_1__id_1',
      'drop index by_age',
      'create index by_age',
    ]);
    expect(await plan([people()])).toHaveLength(4);
  });
});

describe('npm run migrate (scripts/migrate.ts)', () => {
  it('prints a dry run, applies with --apply, and finds nothing the second time', async () => {
    const dbName = uniqueDbName('migrate_cli');
    const env = { ...process.env, MONGODB_URI: testMongoUri(), MONGODB_DB: dbName, CI: '' };
    const migrate = async (...args: string[]) =>
      (await run(process.execPath, ['scripts/migrate.ts', ...args], { env })).stdout;
    const dry = await migrate();
    expect(dry).toContain(`[default] ${dbName}.users: create collection`);
    expect(dry).toContain(`[default] ${dbName}.books: create index isbn_unique`);
    expect(dry).toContain(
      `[default] ${dbName}.data_migrations: run data migration 2026-11-21-recount-author-books`,
    );
    expect(dry).toContain('Dry run: nothing changed');
    expect(await f.client.db(dbName).listCollections().toArray()).toEqual([]);
    const applied = await migrate('--apply');
    expect(applied).toMatch(/applied \d+ step/);
    const names = (await f.client.db(dbName).listCollections().toArray()).map((c) => c.name);
    // The models' collections, and the record of the data migrations applied.
    const expected = [...MODELS.map((m) => m.collection), DATA_MIGRATIONS_COLLECTION];
    expect(names.sort()).toEqual(expected.sort());
    expect(await migrate()).toBe(`[default] ${dbName}: up to date\n`);
    await f.client.db(dbName).dropDatabase();
  });

  it('--status lists what is pending and where each data migration stands, changing nothing', async () => {
    const dbName = uniqueDbName('migrate_status');
    // CI=true would apply a plain run; --status never does.
    const env = { ...process.env, MONGODB_URI: testMongoUri(), MONGODB_DB: dbName, CI: 'true' };
    const migrate = async (...args: string[]) =>
      (await run(process.execPath, ['scripts/migrate.ts', ...args], { env })).stdout;
    const before = await migrate('--status');
    expect(before).toMatch(
      new RegExp(`\\[default\\] ${dbName}: \\d+ validator/index step\\(s\\) pending`),
    );
    expect(before).toContain(`[default] ${dbName}: pending 2026-11-21-recount-author-books (`);
    expect(await f.client.db(dbName).listCollections().toArray()).toEqual([]);
    await migrate();
    const after = await migrate('--status');
    expect(after).toContain(`[default] ${dbName}: validators and indexes up to date`);
    expect(after).toMatch(/applied 2026-11-21-recount-author-books at \d{4}-\d\d-\d\dT/);
    const unknown = await run(process.execPath, ['scripts/migrate.ts', '--stauts'], { env }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('--stauts') });
    await f.client.db(dbName).dropDatabase();
  });
});
