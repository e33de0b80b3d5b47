import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IDLE_GAP_MS } from '#lib/mongo/idle-gap.ts';
import type { LocalDb } from '#localdb/index.ts';
import { invoke } from '#test/integration/api/support/invoke.ts';
import { faultEnv, loadFaultApi, observer, startFaultDb } from './support/fault-api.ts';
import { Container } from './support/frozen-container.ts';
import { report } from './support/report.ts';

// Lambda freezes an idle container; meanwhile the server side of its pooled sockets goes away.
// Here localdb (durable) is stopped and started on the same port while no invocation runs;
// the first invocation after the thaw must succeed, with no module reset.
let dir: string;
let server: LocalDb | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lmk-faults-freeze-'));
});
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

async function restart(db: LocalDb, dbPath: string): Promise<LocalDb> {
  const { port } = db;
  await db.stop();
  return startFaultDb({ port, dbPath });
}

describe('stale sockets after an idle gap', () => {
  it('in-process: localdb restarted while idle; the next read and write succeed', async () => {
    const dbPath = join(dir, 'idle');
    server = await startFaultDb({ dbPath });
    const api = await loadFaultApi(server.uri);
    const create = (name: string) =>
      invoke(api.users.create, { method: 'POST', path: '/users', body: { name } });
    try {
      expect((await create('a')).status).toBe(201);
      server = await restart(server, dbPath);
      await sleep(IDLE_GAP_MS + 300);
      const started = performance.now();
      const listed = await invoke(api.users.list, { path: '/users' });
      const firstMs = Math.round(performance.now() - started);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((u: { name: string }) => u.name)).toEqual(['a']);
      server = await restart(server, dbPath);
      await sleep(IDLE_GAP_MS + 300);
      expect((await create('b')).status).toBe(201);
      expect(api.mongo.mongoClientsCreated()).toBe(1);
      report('idle-restart-in-process', { firstRequestAfterRestartMs: firstMs });
    } finally {
      await api.mongo.resetMongoClient();
      await server.stop();
    }
  });

  it('a write racing the server closing its connection answers 201 or 503, never 500', async () => {
    // No idle gap: the FIN may still be unread when the driver writes (a raw EPIPE from
    // driver 7.8, which lib/mongo turns into a MongoNetworkError).
    const dbPath = join(dir, 'race');
    server = await startFaultDb({ dbPath });
    const api = await loadFaultApi(server.uri);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1) {
        server = await restart(server, dbPath);
        const answer = await invoke(api.users.create, {
          method: 'POST',
          path: '/users',
          body: { name: `race-${i}` },
        });
        statuses.push(answer.status);
        if (answer.status === 503) expect(answer.headers['retry-after']).toBe('5');
      }
      expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
      report('close-race', {
        created: statuses.filter((s) => s === 201).length,
        unavailable: statuses.filter((s) => s === 503).length,
      });
    } finally {
      await api.mongo.resetMongoClient();
      await server.stop();
    }
  });

  it.each(['list', 'create'] as const)(
    'frozen process (SIGSTOP) while localdb restarts: the first %s after SIGCONT succeeds',
    async (route) => {
      const dbPath = join(dir, `frozen-${route}`);
      server = await startFaultDb({ dbPath });
      const env = faultEnv(server.uri);
      const container = await Container.start(env);
      try {
        expect((await container.invoke('create', 'before-freeze')).status).toBe(201);
        container.freeze();
        server = await restart(server, dbPath);
        await sleep(IDLE_GAP_MS + 300); // frozen longer than the gap that makes the handlers settle sockets
        container.thaw();
        const answer = await container.invoke(route, 'after-thaw');
        expect(answer.status).toBe(route === 'create' ? 201 : 200);
        const client = await observer(server.uri);
        try {
          const names = await client.db(env.MONGODB_DB).collection('users').distinct('name');
          expect(names.sort()).toEqual(
            route === 'create' ? ['after-thaw', 'before-freeze'] : ['before-freeze'],
          );
        } finally {
          await client.close();
        }
        report(`freeze-thaw-${route}`, { firstRequestAfterThawMs: answer.ms });
      } finally {
        await container.stop();
        await server.stop();
      }
    },
  );
});
