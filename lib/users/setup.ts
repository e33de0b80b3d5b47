import type { Db } from 'mongodb';
import { usersCollection } from './collection.ts';

/**
 * Creates the users indexes. A deployment/migration step (and test setup), never run on a
 * cold start: index builds are slow and need privileges the API role should not have.
 * Unique email only where an email is present, so users without one do not collide.
 */
export async function setupUsersCollection(db: Db): Promise<void> {
  await usersCollection(db).createIndex(
    { email: 1 },
    { name: 'email_unique', unique: true, partialFilterExpression: { email: { $type: 'string' } } },
  );
}
