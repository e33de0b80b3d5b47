import type { Db } from 'mongodb';
import { DATA_MIGRATIONS } from '#lib/catalog/data-migrations.ts';
import { MODELS } from '#lib/catalog/models.ts';
import { dataMigrationSteps } from '#lib/migrate/data-migrations.ts';
import { applyMigration, type MigrationStep, planMigration } from '#lib/migrate/plan.ts';
import { DEFAULT_CONNECTION } from '#lib/mongo/connections.ts';

/**
 * Brings the default connection's database up to date: the models' validators and indexes,
 * then the data migrations it has not recorded — the migration of `npm run migrate`, applied
 * without a dry run. Used by `npm start` (whose localdb keeps its data under .localdb/) and
 * tests; never run on a Lambda cold start. Returns the steps it applied (none when current).
 */
export async function setupDatabase(db: Db): Promise<MigrationStep[]> {
  const models = MODELS.filter((m) => m.connection === DEFAULT_CONNECTION);
  const steps = [
    ...(await planMigration(db, models)),
    ...(await dataMigrationSteps(db, DATA_MIGRATIONS, DEFAULT_CONNECTION)),
  ];
  await applyMigration(db, steps);
  return steps;
}
