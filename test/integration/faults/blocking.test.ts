import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { invoke } from '#test/integration/api/support/invoke.ts';
import { failPoint } from './support/fault-api.ts';
import { useFaultApi } from './support/fault-fixture.ts';
import { report } from './support/report.ts';

// The database holds the API's commands longer than the Lambda has left: the handler must answer
// 503 before its own timeout (the invocation's budget = remaining time minus the 500 ms margin).
const LAMBDA_REMAINING_MS = 1_500;
const BLOCK_MS = 4_000;

const faults = useFaultApi();

beforeAll(async () => {
  // Warm: the client is connected, so the block hits the command itself, not the handshake.
  expect((await invoke(faults.api.users.list, { path: '/users' })).status).toBe(200);
});
// Runs before the fixture's own afterAll (hooks stack), while the server is still up.
afterAll(async () => {
  await failPoint(faults.observer, 'failCommand', 'off').catch(() => {});
});
beforeEach(async () => {
  await failPoint(faults.observer, 'failCommand', 'off');
});

describe('a database blocking longer than the remaining time', () => {
  it.each([
    ['find', () => invoke(faults.api.users.list, { path: '/users' }, LAMBDA_REMAINING_MS)],
    [
      'insert',
      () =>
        invoke(
          faults.api.users.create,
          { method: 'POST', path: '/users', body: { name: 'blocked' } },
          LAMBDA_REMAINING_MS,
        ),
    ],
  ] as const)('%s: 503 before the Lambda timeout', async (command, call) => {
    await failPoint(
      faults.observer,
      'failCommand',
      { times: 1 },
      { failCommands: [command], blockConnection: true, blockTimeMS: BLOCK_MS },
    );
    const started = performance.now();
    const answer = await call();
    const elapsed = Math.round(performance.now() - started);
    expect(answer.status).toBe(503);
    expect(answer.headers['retry-after']).toBe('5');
    expect(answer.body).toMatchObject({ type: '/problems/database-unavailable' });
    expect(elapsed).toBeLessThan(LAMBDA_REMAINING_MS);
    report(`blocking-${command}`, {
      remainingMs: LAMBDA_REMAINING_MS,
      blockMs: BLOCK_MS,
      to503Ms: elapsed,
    });
    // The container is not poisoned: the next invocation (a full Lambda budget) succeeds
    // while the blocked connection is still held.
    expect((await invoke(faults.api.users.list, { path: '/users' })).status).toBe(200);
  });
});
