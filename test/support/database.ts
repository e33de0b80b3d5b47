import { randomBytes } from 'node:crypto';
import { MongoClient, type MongoClientOptions } from 'mongodb';
import { inject } from 'vitest';

/** The connection string of the run's database (localdb or MONGODB_URI). */
export function testMongoUri(): string {
  return inject('mongodbUri');
}

/** True when the run uses the embedded localdb rather than a real MongoDB. */
export function onLocalDb(): boolean {
  return inject('onLocalDb');
}

/** A database name no other test file uses, so files can run in parallel. */
export function uniqueDbName(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`.slice(0, 60);
}

/** A connected client on the run's database; the caller closes it in afterAll. */
export async function connectTestClient(options: MongoClientOptions = {}): Promise<MongoClient> {
  const client = new MongoClient(testMongoUri(), { serverSelectionTimeoutMS: 5_000, ...options });
  await client.connect();
  return client;
}
