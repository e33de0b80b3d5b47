import { randomUUID } from 'node:crypto';
import { type Db, MongoServerError } from 'mongodb';
import { DEFAULT_CONNECTION } from '#lib/mongo/connections.ts';
import type { MigrationStep } from './plan.ts';

/**
 * A one-off change to stored data (a backfill, a rename, a recount), applied once per database
 * by `npm run migrate`, after the validators and indexes, and recorded in `data_migrations`.
 * Write `up` so that running it again does no harm: a run that dies half-way is run again.
 */
export interface DataMigration {
  /** Unique; the catalog lists migrations in ascending id order, e.g. `2026-11-21-recount-…`. */
  readonly id: string;
  readonly description: string;
  /** `MONGODB_<NAME>_URI` connection it runs on; `default` unless given. */
  readonly connection?: string;
  /** The database's client is `db.client` (sessions, transactions). */
  up(db: Db): Promise<void>;
}

export const DATA_MIGRATIONS_COLLECTION = 'data_migrations';
/**
 * A running migration's claim is renewed every third of this; one not renewed for this long
 * belongs to a run that died, and the next run takes it over.
 */
export const CLAIM_EXPIRES_MS = 60_000;

interface AppliedRecord {
  _id: string;
  description: string;
  state: 'running' | 'applied';
  /** Which run holds it: only that run renews, records or releases it. */
  claim: string;
  startedAt: Date;
  renewedAt: Date;
  appliedAt?: Date;
}

const records = (db: Db) => db.collection<AppliedRecord>(DATA_MIGRATIONS_COLLECTION);
const isDuplicateKey = (error: unknown) =>
  error instanceof MongoServerError && error.code === 11000;

/** Ids must be unique and ascending, so every database applies them in the same order. */
export function checkOrder(migrations: readonly DataMigration[]): void {
  migrations.forEach((m, i) => {
    const before = migrations[i - 1];
    if (before && before.id >= m.id)
      throw new Error(
        `data migration ${m.id} must come after ${before.id} (ascending, unique ids)`,
      );
  });
}

/**
 * Claims the migration with one insert under the unique `_id`, so of two concurrent runs one
 * applies it, or takes over a claim nobody renewed. False when it was applied meanwhile.
 */
async function claim(db: Db, migration: DataMigration, token: string, expiresMs: number) {
  const now = new Date();
  const record = { _id: migration.id, description: migration.description, claim: token };
  try {
    await records(db).insertOne({ ...record, state: 'running', startedAt: now, renewedAt: now });
    return true;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  const expired = new Date(now.getTime() - expiresMs);
  const taken = await records(db).findOneAndUpdate(
    { _id: migration.id, state: 'running', renewedAt: { $lt: expired } },
    { $set: { claim: token, startedAt: now, renewedAt: now } },
  );
  if (taken) return true;
  const current = await records(db).findOne({ _id: migration.id });
  if (current?.state === 'applied') return false;
  throw new Error(
    `data migration ${migration.id} is being applied by another run (since ${current?.startedAt.toISOString()})`,
  );
}

/**
 * Claims, runs and records one migration, renewing the claim while it runs; a failed run lets
 * its claim go. `expiresMs` is for tests.
 */
export async function applyDataMigration(
  db: Db,
  migration: DataMigration,
  { expiresMs = CLAIM_EXPIRES_MS }: { expiresMs?: number } = {},
): Promise<boolean> {
  const mine = { _id: migration.id, claim: randomUUID() };
  if (!(await claim(db, migration, mine.claim, expiresMs))) return false;
  const renew = () => records(db).updateOne(mine, { $set: { renewedAt: new Date() } });
  // A missed renewal only shortens the claim; the next one, or the record below, catches up.
  const renewal = setInterval(() => void renew().catch(() => {}), expiresMs / 3);
  try {
    await migration.up(db);
  } catch (error) {
    await records(db).deleteOne({ ...mine, state: 'running' });
    throw new Error(`data migration ${migration.id} failed`, { cause: error });
  } finally {
    clearInterval(renewal);
  }
  await records(db).updateOne(mine, { $set: { state: 'applied', appliedAt: new Date() } });
  return true;
}

/** Where one data migration stands in a database (`npm run migrate -- --status`). */
export interface DataMigrationState {
  readonly id: string;
  readonly description: string;
  readonly state: 'applied' | 'running' | 'pending';
  /** When it was applied, or when its running claim was last renewed. */
  readonly at?: Date;
}

/** The data migrations of `connection`, in catalog order, each with its record in `db`. */
async function recordsOf(db: Db, migrations: readonly DataMigration[], connection: string) {
  checkOrder(migrations);
  const mine = migrations.filter((m) => (m.connection ?? DEFAULT_CONNECTION) === connection);
  if (mine.length === 0) return [];
  const found = await records(db)
    .find({ _id: { $in: mine.map((m) => m.id) } })
    .toArray();
  const byId = new Map(found.map((r) => [r._id, r]));
  return mine.map((migration) => ({ migration, record: byId.get(migration.id) }));
}

/** Every data migration of `connection`, in catalog order, and where it stands in `db`. */
export async function dataMigrationStates(
  db: Db,
  migrations: readonly DataMigration[],
  connection: string,
): Promise<DataMigrationState[]> {
  return (await recordsOf(db, migrations, connection)).map(({ migration, record }) => {
    const base = { id: migration.id, description: migration.description };
    if (!record) return { ...base, state: 'pending' as const };
    if (record.state === 'applied')
      return { ...base, state: 'applied' as const, at: record.appliedAt };
    return { ...base, state: 'running' as const, at: record.renewedAt };
  });
}

/** The plan's steps for the migrations of `connection` not yet applied to `db`. */
export async function dataMigrationSteps(
  db: Db,
  migrations: readonly DataMigration[],
  connection: string,
): Promise<MigrationStep[]> {
  return (await recordsOf(db, migrations, connection))
    .filter(({ record }) => record?.state !== 'applied')
    .map(({ migration: m }) => ({
      collection: DATA_MIGRATIONS_COLLECTION,
      action: 'run data migration',
      detail: `${m.id} (${m.description})`,
      apply: (target: Db) => applyDataMigration(target, m),
    }));
}
