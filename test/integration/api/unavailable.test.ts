import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { testMongoUri, uniqueDbName } from '#test/support/database.ts';
import { captureConsole } from './support/console-capture.ts';
import { loadApi } from './support/handlers.ts';
import { invoke } from './support/invoke.ts';
import { TcpProxy, uriTarget } from './support/tcp-proxy.ts';

const PASSWORD = 's3cr3t-pa55';

/** Everything the handlers write to the console during a test. */
const logged = captureConsole();

const env = (uri: string) => ({
  MONGODB_URI: uri,
  MONGODB_DB: uniqueDbName('api_unavailable'),
  MONGODB_URI_SSM_PARAMETER: undefined,
  MONGODB_SERVER_SELECTION_TIMEOUT_MS: '300',
  MONGODB_CONNECT_TIMEOUT_MS: '300',
  MONGODB_TIMEOUT_MARGIN_MS: '500',
});

describe('an unreachable database', () => {
  it('answers 503 problem+json with Retry-After, quickly, never leaking the URI', async () => {
    const closed = await TcpProxy.reserve({ host: '127.0.0.1', port: 1 }); // never started
    const uri = `mongodb://app:${PASSWORD}@127.0.0.1:${closed.port}/?directConnection=true`;
    const api = await loadApi(env(uri));
    try {
      for (const [handler, input] of [
        [api.users.list, { path: '/users' }],
        [api.users.create, { method: 'POST', path: '/users', body: { name: 'Ann' } }],
        [
          api.users.get,
          {
            path: '/users/65a1b2c3d4e5f60718293a4b',
            pathParameters: { id: '65a1b2c3d4e5f60718293a4b' },
          },
        ],
        [api.health, { path: '/health' }],
      ] as const) {
        const started = Date.now();
        const answer = await invoke(handler, input);
        expect(Date.now() - started).toBeLessThan(3_000);
        expect(answer.status).toBe(503);
        expect(answer.headers['retry-after']).toBe('5');
        expect(answer.headers['content-type']).toBe('application/problem+json');
        expect(answer.body).toMatchObject({
          type: '/problems/database-unavailable',
          status: 503,
          title: 'Service Unavailable',
        });
        expect(answer.raw.body).not.toContain(PASSWORD);
        expect(answer.raw.body).not.toContain('mongodb://');
      }
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.join('\n')).not.toContain(PASSWORD);
      expect(logged.join('\n')).not.toContain(uri);
    } finally {
      await api.mongo.resetMongoClient();
    }
  });

  it('does not cache a failed connect: the next invocation recovers', async () => {
    const proxy = await TcpProxy.reserve(uriTarget(testMongoUri()));
    const api = await loadApi(env(`mongodb://127.0.0.1:${proxy.port}/?directConnection=true`));
    try {
      expect((await invoke(api.health, { path: '/health' })).status).toBe(503);
      await proxy.start();
      const answer = await invoke(api.health, { path: '/health' });
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ status: 'ok' });
      expect(api.mongo.mongoClientsCreated()).toBe(2);
    } finally {
      await api.mongo.resetMongoClient();
      await proxy.stop();
    }
  });
});

describe('a stalled database', () => {
  const sockets = new Set<Socket>();
  let silent: Server;
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('answers 503 before the Lambda timeout', async () => {
    // Accepts connections and never answers: the handshake hangs.
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const api = await loadApi({
      ...env(`mongodb://127.0.0.1:${address.port}/?directConnection=true`),
      MONGODB_SERVER_SELECTION_TIMEOUT_MS: '20000',
      MONGODB_CONNECT_TIMEOUT_MS: '20000',
    });
    try {
      const lambdaTimeoutMs = 1_500;
      const started = Date.now();
      const answer = await invoke(api.health, { path: '/health' }, lambdaTimeoutMs);
      const elapsed = Date.now() - started;
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('5');
      expect(elapsed).toBeLessThan(lambdaTimeoutMs);
      expect(elapsed).toBeGreaterThanOrEqual(900); // the budget: 1500 ms minus the 500 ms margin
    } finally {
      await api.mongo.resetMongoClient();
    }
  });
});
