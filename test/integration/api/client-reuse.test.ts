import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testMongoUri, uniqueDbName } from '#test/support/database.ts';
import { type LoadedApi, loadApi } from './support/handlers.ts';
import { invoke } from './support/invoke.ts';
import { TcpProxy, uriTarget } from './support/tcp-proxy.ts';

// Connections are counted at a proxy in front of localdb, so other test files running in
// parallel on the same server cannot disturb the counts (serverStatus totals are global).
let proxy: TcpProxy;
let api: LoadedApi;
let uri: string;
const MAX_POOL = 3;

beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  proxy = await TcpProxy.reserve(uriTarget(testMongoUri()));
  await proxy.start();
  uri = `mongodb://127.0.0.1:${proxy.port}/?directConnection=true`;
  api = await loadApi({
    MONGODB_URI: uri,
    MONGODB_DB: uniqueDbName('api_reuse'),
    MONGODB_URI_SSM_PARAMETER: undefined,
    MONGODB_MAX_POOL_SIZE: String(MAX_POOL),
  });
});
afterAll(async () => {
  await api?.mongo.resetMongoClient();
  await proxy.stop();
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
    // At most the pool plus the monitoring sockets (monitor and RTT pinger).
    expect(proxy.accepted).toBeGreaterThanOrEqual(1);
    expect(proxy.accepted).toBeLessThanOrEqual(MAX_POOL + 2);
  });

  it('1,000 warm invocations open no new connection', async () => {
    const client = await api.mongo.getMongoClient(uri, {});
    let created = 0;
    const count = () => {
      created += 1;
    };
    client.on('connectionCreated', count);
    const acceptedBefore = proxy.accepted;
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
    expect(proxy.accepted).toBe(acceptedBefore);
    expect(api.mongo.mongoClientsCreated()).toBe(1);
  });
});
