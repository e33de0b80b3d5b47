import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalDb, startLocalDb } from '#localdb/index.ts';

// A server of its own: the shared one's counters move with every other test file.
describe('serverStatus counters', () => {
  let db: LocalDb;
  const clients: MongoClient[] = [];
  const connect = async () => {
    const client = new MongoClient(db.uri, { serverSelectionTimeoutMS: 5_000 });
    clients.push(client);
    await client.connect();
    return client;
  };
  const status = async (client: MongoClient) => client.db('admin').command({ serverStatus: 1 });

  beforeAll(async () => {
    db = await startLocalDb({ port: 0 });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await db?.stop();
  });

  it('reports process facts', async () => {
    const reply = await status(await connect());
    expect(reply).toMatchObject({ version: '8.0.0', process: 'mongod', pid: process.pid, ok: 1 });
    expect(typeof reply.host).toBe('string');
    expect(reply.uptime).toBeGreaterThanOrEqual(0);
    expect(reply.localTime).toBeInstanceOf(Date);
    expect(reply.connections.available).toBeGreaterThan(0);
  });

  it('counts connections: totalCreated grows when a second client connects, current drops on close', async () => {
    const first = clients[0] ?? (await connect());
    const before = (await status(first)).connections;
    const second = await connect();
    await second.db('admin').command({ ping: 1 });
    const during = (await status(first)).connections;
    expect(during.totalCreated).toBeGreaterThan(before.totalCreated);
    expect(during.current).toBeGreaterThan(before.current);
    await second.close();
    await expect.poll(async () => (await status(first)).connections.current).toBe(before.current);
  });

  it('counts commands in opcounters.command and not unknown ones', async () => {
    const client = clients[0] ?? (await connect());
    const before = (await status(client)).opcounters;
    for (let i = 0; i < 5; i++) await client.db('any').command({ ping: 1 });
    await client
      .db('any')
      .command({ nope: 1 })
      .catch(() => undefined);
    const after = (await status(client)).opcounters;
    // 5 pings + the serverStatus that read `after`; the driver's monitor may add heartbeats.
    expect(after.command - before.command).toBeGreaterThanOrEqual(6);
    expect(after.insert).toBe(before.insert);
    expect(after.query).toBe(before.query);
  });

  it('claims the configured version consistently', async () => {
    const old = await startLocalDb({ port: 0, version: '7.0' });
    const client = new MongoClient(old.uri, { serverSelectionTimeoutMS: 5_000 });
    try {
      const hello = await client.db('admin').command({ hello: 1 });
      const info = await client.db('admin').command({ buildInfo: 1 });
      expect(hello.maxWireVersion).toBe(21);
      expect(info.version).toBe('7.0.0');
      expect(info.versionArray).toEqual([7, 0, 0, 0]);
      const fcv = await client
        .db('admin')
        .command({ getParameter: 1, featureCompatibilityVersion: 1 });
      expect(fcv.featureCompatibilityVersion.version).toBe('7.0');
    } finally {
      await client.close();
      await old.stop();
    }
  });

  it('refuses an unknown version', async () => {
    await expect(startLocalDb({ port: 0, version: '3.6' })).rejects.toThrow(
      /unsupported localdb version/,
    );
  });
});
