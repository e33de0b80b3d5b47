import { type Db, ObjectId } from 'mongodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { storedBook } from '#bench/support/library-seed.ts';
import { recountAuthorBooks } from '#lib/authors/migrations/2026-11-21-recount-books.ts';
import { DATA_MIGRATIONS } from '#lib/catalog/data-migrations.ts';
import { MODELS } from '#lib/catalog/models.ts';
import {
  applyDataMigration,
  applyMigration,
  CLAIM_EXPIRES_MS,
  DATA_MIGRATIONS_COLLECTION,
  type DataMigration,
  dataMigrationStates,
  dataMigrationSteps,
  planMigration,
} from '#lib/migrate/index.ts';
import { useModelFixture } from './support.ts';

const f = useModelFixture('data_migrations', { emptied: [DATA_MIGRATIONS_COLLECTION] });
beforeAll(async () => {
  await applyMigration(f.db, await planMigration(f.db, MODELS));
});

const records = () => f.db.collection(DATA_MIGRATIONS_COLLECTION);

/** A migration that counts its runs, optionally failing or waiting on a gate. */
function counting(id: string, behave: { fail?: boolean; gate?: Promise<void> } = {}) {
  const runs = { n: 0 };
  const migration: DataMigration = {
    id,
    description: `test ${id}`,
    async up(db: Db) {
      runs.n += 1;
      await behave.gate;
      if (behave.fail) throw new Error('backfill broke');
      await db.collection('marks').insertOne({ id });
    },
  };
  return { migration, runs };
}

describe('data migrations (lib/migrate/data-migrations.ts)', () => {
  it('plans the pending ones in order, applies each once, and then plans none', async () => {
    const a = counting('2026-01-01-a');
    const b = counting('2026-01-02-b');
    const steps = await dataMigrationSteps(f.db, [a.migration, b.migration], 'default');
    expect(steps.map((s) => `${s.action} ${s.detail}`)).toEqual([
      'run data migration 2026-01-01-a (test 2026-01-01-a)',
      'run data migration 2026-01-02-b (test 2026-01-02-b)',
    ]);
    await applyMigration(f.db, steps);
    expect([a.runs.n, b.runs.n]).toEqual([1, 1]);
    expect(await records().find().sort({ _id: 1 }).toArray()).toEqual([
      expect.objectContaining({
        _id: '2026-01-01-a',
        state: 'applied',
        appliedAt: expect.any(Date),
      }),
      expect.objectContaining({ _id: '2026-01-02-b', state: 'applied' }),
    ]);
    expect(await dataMigrationSteps(f.db, [a.migration, b.migration], 'default')).toEqual([]);
    expect(await dataMigrationSteps(f.db, [a.migration], 'archive')).toEqual([]);
  });

  it('tells where each one stands: pending, running (since its last renewal), applied (when)', async () => {
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const a = counting('2026-02-01-a');
    const b = counting('2026-02-02-b', { gate });
    const c = counting('2026-02-03-c');
    const all = [a.migration, b.migration, c.migration];
    const states = async () =>
      (await dataMigrationStates(f.db, all, 'default')).map((s) => [s.state, s.at !== undefined]);
    expect(await states()).toEqual([
      ['pending', false],
      ['pending', false],
      ['pending', false],
    ]);
    await applyDataMigration(f.db, a.migration);
    const running = applyDataMigration(f.db, b.migration);
    await expect.poll(() => b.runs.n).toBe(1);
    expect(await states()).toEqual([
      ['applied', true],
      ['running', true],
      ['pending', false],
    ]);
    open();
    await running;
    expect((await states())[1]).toEqual(['applied', true]);
    expect(await dataMigrationStates(f.db, all, 'archive')).toEqual([]);
  });

  it('refuses ids out of order or repeated', async () => {
    const [a, b] = [counting('2026-02-01-a').migration, counting('2026-01-01-b').migration];
    await expect(dataMigrationSteps(f.db, [a, b], 'default')).rejects.toThrow(
      'data migration 2026-01-01-b must come after 2026-02-01-a',
    );
    await expect(dataMigrationSteps(f.db, [a, a], 'default')).rejects.toThrow(/must come after/);
  });

  it('of two concurrent runs exactly one applies it; the other is told', async () => {
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const slow = counting('2026-03-01-slow', { gate });
    const first = applyDataMigration(f.db, slow.migration);
    await expect.poll(() => slow.runs.n).toBe(1);
    await expect(applyDataMigration(f.db, slow.migration)).rejects.toThrow(
      /2026-03-01-slow is being applied by another run/,
    );
    open();
    expect(await first).toBe(true);
    // Planned before it was applied, run after: nothing to do.
    expect(await applyDataMigration(f.db, slow.migration)).toBe(false);
    expect(slow.runs.n).toBe(1);
  });

  it('renews the claim while it runs: a long migration is not taken over as dead', async () => {
    let open = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const long = counting('2026-03-02-long', { gate });
    const expiresMs = 600;
    const first = applyDataMigration(f.db, long.migration, { expiresMs });
    await expect.poll(() => long.runs.n).toBe(1);
    // Three expiry periods later the claim is still held: renewed every 200 ms.
    await new Promise((resolve) => setTimeout(resolve, 3 * expiresMs));
    await expect(applyDataMigration(f.db, long.migration, { expiresMs })).rejects.toThrow(
      /being applied by another run/,
    );
    open();
    expect(await first).toBe(true);
    expect(long.runs.n).toBe(1);
  });

  it('takes over the claim of a run that died; a failed run lets its claim go', async () => {
    const dead = counting('2026-04-01-dead');
    const long = new Date(Date.now() - CLAIM_EXPIRES_MS - 1_000);
    await records().insertOne({
      _id: dead.migration.id as never,
      state: 'running',
      claim: 'dead run',
      startedAt: long,
      renewedAt: long,
    });
    expect(await applyDataMigration(f.db, dead.migration)).toBe(true);
    expect(await records().findOne({ _id: dead.migration.id as never })).toMatchObject({
      state: 'applied',
    });

    const broken = counting('2026-04-02-broken', { fail: true });
    const failure = await applyDataMigration(f.db, broken.migration).catch((e: unknown) => e);
    expect(failure).toMatchObject({
      message: 'data migration 2026-04-02-broken failed',
      cause: expect.objectContaining({ message: 'backfill broke' }),
    });
    expect(await records().countDocuments({ _id: broken.migration.id as never })).toBe(0);
    const fixed = counting('2026-04-02-broken');
    expect(await applyDataMigration(f.db, fixed.migration)).toBe(true);
  });
});

describe('the catalog’s migrations', () => {
  it('are in order, and recount-author-books repairs counts, moving only changed authors on', async () => {
    const pending = await dataMigrationSteps(f.db, DATA_MIGRATIONS, 'default');
    expect(pending).toHaveLength(DATA_MIGRATIONS.length);
    const now = new Date('2026-01-01T00:00:00Z');
    const author = (name: string, bookCount: number) => ({
      _id: new ObjectId(),
      name,
      bookCount,
      createdAt: now,
      updatedAt: now,
      version: 4,
    });
    const [right, over, under] = [author('Right', 1), author('Over', 5), author('Under', 0)];
    await f.db.collection('authors').insertMany([right, over, under]);
    const book = (a: typeof right, title: string) =>
      storedBook(title, 2000, { id: a._id, name: a.name }, now);
    await f.db
      .collection('books')
      .insertMany([book(right, 'R'), book(over, 'O'), book(under, 'U1'), book(under, 'U2')]);

    await recountAuthorBooks.up(f.db);
    const stored = await f.db.collection('authors').find().sort({ name: 1 }).toArray();
    expect(stored.map((a) => [a.name, a.bookCount, a.version])).toEqual([
      ['Over', 1, 5],
      ['Right', 1, 4],
      ['Under', 2, 5],
    ]);
    expect(stored.find((a) => a.name === 'Right')?.updatedAt).toEqual(now);
    expect(stored.find((a) => a.name === 'Over')?.updatedAt.getTime()).toBeGreaterThan(+now);
    await recountAuthorBooks.up(f.db);
    const again = await f.db.collection('authors').find().sort({ name: 1 }).toArray();
    expect(again.map((a) => a.version)).toEqual([5, 4, 5]);
  });
});
