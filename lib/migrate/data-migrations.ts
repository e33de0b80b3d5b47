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
/** A claim older than this belongs to a run that died: the next run takes it over. */
export const CLAIM_EXPIRES_MS = 15 * 60_000;

interface AppliedRecord {
  _id: string;
  description: string;
  state: 'running' | 'applied';
  startedAt: Date;
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
 * applies it. Returns false when it has been applied since the plan was made.
 */
async function claim(db: Db, migration: DataMigration, startedAt: Date): Promise<boolean> {
  const record = { _id: migration.id, description: migration.description, startedAt };
  try {
    await records(db).insertOne({ ...record, state: 'running' });
    return true;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  const expired = new Date(startedAt.getTime() - CLAIM_EXPIRES_MS);
  const taken = await records(db).findOneAndUpdate(
    { _id: migration.id, state: 'running', startedAt: { $lt: expired } },
    { $set: { startedAt } },
  );
  if (taken) return true;
  const current = await records(db).findOne({ _id: migration.id });
  if (current?.state === 'applied') return false;
  throw new Error(
    `data migration ${migration.id} is being applied by another run (since ${current?.startedAt.toISOString()})`,
  );
}

/** Claims, runs and records one migration; a failed run lets its claim go. */
export async function applyDataMigration(db: Db, migration: DataMigration): Promise<boolean> {
  const startedAt = new Date();
  if (!(await claim(db, migration, startedAt))) return false;
  const mine = { _id: migration.id, startedAt };
  try {
    await migration.up(db);
  } catch (error) {
    await records(db).deleteOne({ ...mine, state: 'running' });
    throw new Error(`data migration ${migration.id} failed`, { cause: error });
  }
  await records(db).updateOne(mine, { $set: { state: 'applied', appliedAt: new Date() } });
  return true;
}

/** The plan's steps for the migrations of `connection` not yet applied to `db`. */
export async function dataMigrationSteps(
  db: Db,
  migrations: readonly DataMigration[],
  connection: string,
): Promise<MigrationStep[]> {
  checkOrder(migrations);
  const mine = migrations.filter((m) => (m.connection ?? DEFAULT_CONNECTION) === connection);
  if (mine.length === 0) return [];
  const applied = await records(db)
    .find({ state: 'applied' }, { projection: { _id: 1 } })
    .toArray();
  const done = new Set(applied.map((r) => r._id));
  return mine
    .filter((m) => !done.has(m.id))
    .map((m) => ({
      collection: DATA_MIGRATIONS_COLLECTION,
      action: 'run data migration',
      detail: `${m.id} (${m.description})`,
      apply: (target: Db) => applyDataMigration(target, m),
    }));
}
