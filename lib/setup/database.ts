import type { Db } from 'mongodb';
import { setupUsersCollection } from '#lib/users/setup.ts';

/**
 * Every collection's indexes (and later validators): the migration step run at deploy time
 * or by tests, never on a Lambda cold start.
 */
export async function setupDatabase(db: Db): Promise<void> {
  await setupUsersCollection(db);
}
