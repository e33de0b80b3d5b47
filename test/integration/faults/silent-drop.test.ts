import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalDb } from '#localdb/index.ts';
import { invoke } from '#test/integration/api/support/invoke.ts';
import { loadFaultApi, startFaultDb } from './support/fault-api.ts';
import { report } from './support/report.ts';
import { SilentProxy } from './support/silent-proxy.ts';

// While a container is frozen, a NAT gateway may forget its idle flows: the pooled sockets look
// open but nothing ever answers (no FIN, no RST). The pool's maxIdleTimeMS (MONGODB_MAX_IDLE_TIME_MS,
// 60 s by default, below NAT idle timeouts such as AWS's 350 s) makes the driver discard such a
// connection at checkout instead of waiting on it. Scaled down here: 500 ms idle limit.
const IDLE_LIMIT_MS = 500;
const REMAINING_MS = 3_000;

let server: LocalDb;
beforeAll(async () => {
  server = await startFaultDb();
});
afterAll(async () => {
  await server?.stop();
  vi.restoreAllMocks();
});

async function scenario(maxIdleTimeMs: number) {
  const proxy = await SilentProxy.start({ host: server.host, port: server.port });
  const api = await loadFaultApi(`mongodb://127.0.0.1:${proxy.port}/?directConnection=true`, {
    MONGODB_MAX_IDLE_TIME_MS: String(maxIdleTimeMs),
  });
  try {
    const create = (name: string) =>
      invoke(api.users.create, { method: 'POST', path: '/users', body: { name } }, REMAINING_MS);
    expect((await create('before')).status).toBe(201);
    proxy.silence();
    await sleep(IDLE_LIMIT_MS + 300);
    const started = performance.now();
    const answer = await create('after');
    return { answer, ms: Math.round(performance.now() - started) };
  } finally {
    await api.mongo.resetMongoClient();
    await proxy.stop();
  }
}

describe('pooled connections silently dropped during an idle gap', () => {
  it('with maxIdleTimeMS below the gap, the first request after it succeeds on a fresh connection', async () => {
    const { answer, ms } = await scenario(IDLE_LIMIT_MS);
    expect(answer.status).toBe(201);
    expect(ms).toBeLessThan(1_000);
    report('silent-drop-max-idle', { firstRequestMs: ms });
  });

  it('without an idle limit the request waits on the dead socket until its budget: 503', async () => {
    const { answer, ms } = await scenario(0);
    expect(answer.status).toBe(503);
    expect(ms).toBeGreaterThanOrEqual(REMAINING_MS - 500 - 50);
    report('silent-drop-no-idle-limit', { to503Ms: ms });
  });
});
