import { setTimeout as delay } from 'node:timers/promises';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandError, type LocalDb, startLocalDb } from '#localdb/index.ts';

// The plug point future fail points use: one hook before every known command.
describe('beforeCommand hook', () => {
  let db: LocalDb;
  let client: MongoClient;
  const seen: Array<{ name: string; db: string; connectionId: number }> = [];

  beforeAll(async () => {
    db = await startLocalDb({
      port: 0,
      beforeCommand: async (name, command, context) => {
        if (name === 'hello' || name === 'isMaster') return;
        seen.push({ name, db: context.db, connectionId: context.connectionId });
        if (command.failMe) throw new CommandError('BadValue', 'failed by the hook');
        if (command.blockMs) await delay(Number(command.blockMs));
        if (command.throwPlain) throw new TypeError('a bug in a hook');
        if (command.dropConnection) context.closeConnection?.();
      },
    });
    client = new MongoClient(db.uri, { serverSelectionTimeoutMS: 5_000, maxPoolSize: 2 });
    await client.connect();
  });
  afterAll(async () => {
    await client?.close();
    await db?.stop();
  });

  it('sees each command with its db and connection id', async () => {
    await client.db('hooked').command({ ping: 1 });
    expect(seen.at(-1)).toMatchObject({ name: 'ping', db: 'hooked' });
    expect(seen.at(-1)!.connectionId).toBeGreaterThan(0);
  });

  it('can fail a command with a CommandError reply', async () => {
    await expect(client.db('hooked').command({ ping: 1, failMe: true })).rejects.toMatchObject({
      code: 2,
      codeName: 'BadValue',
      message: 'failed by the hook',
    });
  });

  it('turns any other thrown error into InternalError (code 1) without crashing', async () => {
    await expect(client.db('hooked').command({ ping: 1, throwPlain: true })).rejects.toMatchObject({
      code: 1,
      codeName: 'InternalError',
      message: 'a bug in a hook',
    });
    expect((await client.db('hooked').command({ ping: 1 })).ok).toBe(1);
  });

  it('can block one connection while others keep running', async () => {
    const started = Date.now();
    const blocked = client.db('hooked').command({ ping: 1, blockMs: 400 });
    await delay(20);
    const other = await client.db('hooked').command({ ping: 1 });
    expect(other.ok).toBe(1);
    expect(Date.now() - started).toBeLessThan(350);
    expect((await blocked).ok).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('can drop the connection without a reply (a network error for the driver)', async () => {
    const failure = await client
      .db('hooked')
      .command({ ping: 1, dropConnection: true })
      .catch((error: unknown) => error);
    expect((failure as Error).name).toBe('MongoNetworkError');
    expect((await client.db('hooked').command({ ping: 1 })).ok).toBe(1);
  });

  it('does not run for unknown commands (they answer 59 first)', async () => {
    const before = seen.length;
    await client
      .db('hooked')
      .command({ noSuchThing: 1 })
      .catch(() => undefined);
    expect(seen.length).toBe(before);
  });
});
