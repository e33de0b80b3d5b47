import type { Collection, Db } from 'mongodb';
import type { User } from './schema.ts';

export const USERS_COLLECTION = 'users';

export function usersCollection(db: Db): Collection<User> {
  return db.collection<User>(USERS_COLLECTION);
}
