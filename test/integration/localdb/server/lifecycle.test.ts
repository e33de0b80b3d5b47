import { once } from 'node:events';
import { createServer } from 'node:net';
import { MongoClient } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { startLocalDb } from '#localdb/index.ts';
import { RawClient } from './raw-client.ts';

const connect = async (uri: string, options = {}) => {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000, ...options });
  await client.connect();
  return client;
};

describe('localdb lifecycle', () => {
  it('serves many clients in parallel, each with its own pool', async () => {
    const db = await startLocalDb({ port: 0 });
    const clients = await Promise.all(
      Array.from({ length: 8 }, () => connect(db.uri, { maxPoolSize: 5 })),
    );
    try {
      const replies = await Promise.all(
        clients.flatMap((client) =>
          Array.from({ length: 25 }, (_, i) => client.db(`p${i % 3}`).command({ ping: 1 })),
        ),
      );
      expect(replies).toHaveLength(200);
      expect(replies.every((reply) => reply.ok === 1)).toBe(true);
      expect(db.state.connections.totalCreated).toBeGreaterThanOrEqual(16);
    } finally {
      await Promise.all(clients.map((client) => client.close()));
      await db.stop();
    }
  });

  it('stop() closes every socket and frees the port', async () => {
    const db = await startLocalDb({ port: 0 });
    const raw = await RawClient.connect(db.port);
    // A short selection timeout: close() sends endSessions, which waits for a server that is gone.
    const client = await connect(db.uri, { serverSelectionTimeoutMS: 500 });
    await client.db('admin').command({ ping: 1 });
    const heartbeatFailed = new Promise((resolve) => client.once('serverHeartbeatFailed', resolve));
    await db.stop();
    expect(await raw.closedWithin(2_000)).toBe(true);
    expect(db.state.connections.current).toBe(0);
    // The driver's monitor sees its streaming connection dropped and cannot reconnect.
    await heartbeatFailed;
    await client.close();

    const reuse = createServer();
    reuse.listen(db.port, '127.0.0.1');
    await once(reuse, 'listening');
    await new Promise<void>((resolve) => reuse.close(() => resolve()));
    await db.stop(); // idempotent
  });

  it('stop() does not wait for awaitable hellos in progress', async () => {
    const db = await startLocalDb({ port: 0 });
    const client = await connect(db.uri, { heartbeatFrequencyMS: 60_000 });
    await client.db('admin').command({ ping: 1 });
    const started = Date.now();
    await db.stop();
    expect(Date.now() - started).toBeLessThan(2_000);
    await client.close();
  });

  it('fails to start on a port already taken, with the cause', async () => {
    const first = await startLocalDb({ port: 0 });
    try {
      await expect(startLocalDb({ port: first.port })).rejects.toThrow(/could not listen/);
    } finally {
      await first.stop();
    }
  });
});
