import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LocalDb } from '#localdb/index.ts';
import { freePort } from '#test/e2e/start-api.ts';
import { invoke } from '#test/integration/api/support/invoke.ts';
import { loadFaultApi, startFaultDb } from './support/fault-api.ts';
import { report } from './support/report.ts';

// Database down while the container cold-starts: a fast 503, and once localdb listens on that
// same port the very next invocation of the same module instances succeeds.
const SERVER_SELECTION_MS = 1_000;
const MARGIN_MS = 1_500; // scheduling slack on a busy test machine; a bound, not a benchmark

let server: LocalDb | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  vi.restoreAllMocks();
});

describe('database down at cold start', () => {
  it('answers 503 within the server-selection time, then recovers without a module reset', async () => {
    const port = await freePort();
    const api = await loadFaultApi(`mongodb://127.0.0.1:${port}/?replicaSet=localdb`, {
      MONGODB_SERVER_SELECTION_TIMEOUT_MS: String(SERVER_SELECTION_MS),
    });
    try {
      const latencies: number[] = [];
      for (const [handler, input] of [
        [api.users.list, { path: '/users' }],
        [api.users.create, { method: 'POST', path: '/users', body: { name: 'down' } }],
      ] as const) {
        const started = performance.now();
        const answer = await invoke(handler, input);
        latencies.push(Math.round(performance.now() - started));
        expect(answer.status).toBe(503);
        expect(answer.headers['retry-after']).toBe('5');
        expect(answer.body).toMatchObject({ type: '/problems/database-unavailable' });
      }
      for (const ms of latencies) expect(ms).toBeLessThan(SERVER_SELECTION_MS + MARGIN_MS);

      server = await startFaultDb({ port });
      const started = performance.now();
      const created = await invoke(api.users.create, {
        method: 'POST',
        path: '/users',
        body: { name: 'back' },
      });
      const recoveryMs = Math.round(performance.now() - started);
      expect(created.status).toBe(201);
      const listed = await invoke(api.users.list, { path: '/users' });
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((u: { name: string }) => u.name)).toEqual(['back']);
      // One failed connect per failed invocation, then the client that stays.
      expect(api.mongo.mongoClientsCreated()).toBe(3);
      report('cold-start', { latenciesTo503Ms: latencies, firstRequestAfterBackMs: recoveryMs });
    } finally {
      await api.mongo.resetMongoClient();
    }
  });
});
