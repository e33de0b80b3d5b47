import type { Db } from 'mongodb';
import { MODELS } from '#lib/catalog/models.ts';
import { applyMigration, type MigrationStep, planMigration } from '#lib/migrate/plan.ts';
import { DEFAULT_CONNECTION } from '#lib/mongo/connections.ts';

/**
 * Brings the default connection's collections up to date with the models (validators and
 * indexes) — the migration of `npm run migrate`, applied without a dry run. Used by `npm start`
 * and tests; never run on a Lambda cold start. Returns the steps it applied (none when current).
 */
export async function setupDatabase(db: Db): Promise<MigrationStep[]> {
  const models = MODELS.filter((m) => m.connection === DEFAULT_CONNECTION);
  const steps = await planMigration(db, models);
  await applyMigration(db, steps);
  return steps;
}
