import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalDb, startLocalDb } from '#localdb/index.ts';

describe('configureFailPoint outside test mode', () => {
  let db: LocalDb;
  let client: MongoClient;

  beforeAll(async () => {
    db = await startLocalDb({ port: 0 });
    client = new MongoClient(db.uri, { serverSelectionTimeoutMS: 5_000 });
    await client.connect();
  });
  afterAll(async () => {
    await client?.close();
    await db?.stop();
  });

  it('is CommandNotFound (59), as on a mongod without enableTestCommands', async () => {
    await expect(
      client.db('admin').command({ configureFailPoint: 'failCommand', mode: 'alwaysOn' }),
    ).rejects.toMatchObject({ code: 59, codeName: 'CommandNotFound' });
    const { commands } = await client.db('admin').command({ listCommands: 1 });
    expect(commands).not.toHaveProperty('configureFailPoint');
  });
});

describe('configureFailPoint in test mode', () => {
  let db: LocalDb;
  let client: MongoClient;

  beforeAll(async () => {
    db = await startLocalDb({ port: 0, testCommands: true });
    client = new MongoClient(db.uri, { serverSelectionTimeoutMS: 5_000 });
    await client.connect();
  });
  afterAll(async () => {
    await client?.close();
    await db?.stop();
  });

  it('is listed and reports enableTestCommands', async () => {
    const { commands } = await client.db('admin').command({ listCommands: 1 });
    expect(commands.configureFailPoint).toMatchObject({ adminOnly: true });
    const { enableTestCommands } = await client
      .db('admin')
      .command({ getParameter: 1, enableTestCommands: 1 });
    expect(enableTestCommands).toBe(true);
  });

  it('runs only against the admin database', async () => {
    await expect(
      client.db('other').command({ configureFailPoint: 'failCommand', mode: 'off' }),
    ).rejects.toMatchObject({ code: 13, codeName: 'Unauthorized' });
  });
});
