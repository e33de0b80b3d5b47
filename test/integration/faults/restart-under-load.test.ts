import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { LocalDb } from '#localdb/index.ts';
import { invoke } from '#test/integration/api/support/invoke.ts';
import { loadFaultApi, observer, startFaultDb } from './support/fault-api.ts';
import { report } from './support/report.ts';
import { createWriters } from './support/workers.ts';

// localdb (durable, dbPath) stopped and started on the same port while 10 clients write: only
// the requests that overlap the outage may fail, with 503 and never 500; afterwards every
// request succeeds, and every acknowledged write survived the restart.
const CONCURRENCY = 10;
const OUTAGE_MS = 500;

let server: LocalDb | undefined;
let dir: string | undefined;
afterAll(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe('localdb restarted under load', () => {
  it('fails only in-flight requests, with 503; afterwards all succeed; acknowledged writes kept', async () => {
    dir = await mkdtemp(join(tmpdir(), 'lmk-faults-restart-'));
    const dbPath = join(dir, 'data');
    server = await startFaultDb({ dbPath });
    const { port, uri } = server;
    const api = await loadFaultApi(uri);
    try {
      const writers = createWriters(api.users.create, CONCURRENCY);
      await sleep(1_000);
      const downAt = writers.now();
      await server.stop();
      await sleep(OUTAGE_MS);
      server = await startFaultDb({ port, dbPath });
      const upAt = writers.now();
      await sleep(2_500);
      const outcomes = await writers.stop();

      const statuses = new Set(outcomes.map((o) => o.status));
      expect([...statuses].every((s) => s === 201 || s === 503)).toBe(true);
      const failed = outcomes.filter((o) => o.status !== 201);
      // Every failure overlapped the outage (started before the server was back, plus the
      // driver's reconnect settling: the server selection time).
      for (const o of failed) {
        expect(o.endedMs).toBeGreaterThanOrEqual(downAt);
        expect(o.startedMs).toBeLessThanOrEqual(upAt + 1_000);
      }
      // Afterwards: the last second of the run is all successes, and a fresh sequence too.
      const settled = outcomes.filter((o) => o.startedMs > upAt + 1_000);
      expect(settled.length).toBeGreaterThan(0);
      expect(settled.every((o) => o.status === 201)).toBe(true);
      for (let i = 0; i < 20; i += 1) {
        const answer = await invoke(api.users.list, { path: '/users?limit=1' });
        expect(answer.status).toBe(200);
      }

      const client = await observer(uri);
      try {
        const stored = new Set(
          (
            await client.db(api.dbName).collection('users').find({}).project({ name: 1 }).toArray()
          ).map((d) => d.name as string),
        );
        const acknowledged = outcomes.filter((o) => o.status === 201);
        const missing = acknowledged.filter((o) => !stored.has(o.name));
        expect(missing).toEqual([]);
        report('restart-under-load', {
          requests: outcomes.length,
          acknowledged: acknowledged.length,
          failed503: failed.length,
          failedButStored: failed.filter((o) => stored.has(o.name)).length,
          outageMs: Math.round(upAt - downAt),
          after: settled.length,
        });
      } finally {
        await client.close();
      }
    } finally {
      await api.mongo.resetMongoClient();
    }
  });
});
