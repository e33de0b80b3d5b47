import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LocalDb, startLocalDb } from '#localdb/index.ts';
import { uniqueDbName } from '#test/support/database.ts';
import { type LoadedApi, loadApi } from './support/handlers.ts';
import { invoke } from './support/invoke.ts';

// A localdb of this file's own, so serverStatus connection totals are not disturbed by the
// other test files running in parallel on the shared one.
let server: LocalDb;
let api: LoadedApi;
let uri: string;
const MAX_POOL = 3;

/** serverStatus.connections.totalCreated, asked over the API's own pooled connection. */
async function totalCreated(): Promise<number> {
  const client = await api.mongo.getMongoClient(uri, {});
  const status = await client.db('admin').command({ serverStatus: 1 });
  return status.connections.totalCreated as number;
}

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  server = await startLocalDb({ port: 0 });
  uri = server.uri;
  api = await loadApi({
    MONGODB_URI: uri,
    MONGODB_DB: uniqueDbName('api_reuse'),
    MONGODB_URI_SSM_PARAMETER: undefined,
    MONGODB_MAX_POOL_SIZE: String(MAX_POOL),
  });
});
afterAll(async () => {
  await api?.mongo.resetMongoClient();
  await server?.stop();
  vi.restoreAllMocks();
});

describe('one client per container', () => {
  it('N concurrent cold invocations share one client and one connect', async () => {
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        invoke(i % 2 ? api.health : api.users.list, { path: i % 2 ? '/health' : '/users' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(25).fill(200));
    expect(api.mongo.mongoClientsCreated()).toBe(1);
    // The fresh server saw at most the pool plus the monitoring sockets (monitor, RTT pinger);
    // 25 clients would have opened at least 25.
    const created = await totalCreated();
    expect(created).toBeGreaterThanOrEqual(1);
    expect(created).toBeLessThanOrEqual(MAX_POOL + 2);
  });

  it('1,000 warm invocations open no new connection', async () => {
    const client = await api.mongo.getMongoClient(uri, {});
    let created = 0;
    const count = () => {
      created += 1;
    };
    client.on('connectionCreated', count);
    const before = await totalCreated();
    try {
      for (let i = 0; i < 1_000; i += 1) {
        const answer = await invoke(i % 10 ? api.health : api.users.list, {
          path: i % 10 ? '/health' : '/users',
        });
        if (answer.status !== 200) throw new Error(`invocation ${i} answered ${answer.status}`);
      }
    } finally {
      client.off('connectionCreated', count);
    }
    expect(created).toBe(0);
    expect(await totalCreated()).toBe(before);
    expect(api.mongo.mongoClientsCreated()).toBe(1);
  });
});
