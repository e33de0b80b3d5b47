import type { ApiHandler } from '#lib/http/index.ts';
import { invoke } from '#test/integration/api/support/invoke.ts';

/** One invocation's outcome: when it started and ended (ms since the run began) and its status. */
export interface Outcome {
  readonly name: string;
  readonly status: number;
  readonly startedMs: number;
  readonly endedMs: number;
}

/**
 * `concurrency` clients each creating users one after another (unique names) until `stop()` is
 * called; every outcome is kept, so the test can tell acknowledged writes from failed ones.
 * Bounded by `maxPerWorker` so a wedged run cannot loop forever.
 */
export function createWriters(create: ApiHandler, concurrency: number, maxPerWorker = 10_000) {
  const origin = performance.now();
  const outcomes: Outcome[] = [];
  let running = true;
  const worker = async (w: number) => {
    for (let i = 0; running && i < maxPerWorker; i += 1) {
      const name = `w${w}-${i}`;
      const startedMs = performance.now() - origin;
      const answer = await invoke(create, { method: 'POST', path: '/users', body: { name } });
      outcomes.push({
        name,
        status: answer.status,
        startedMs,
        endedMs: performance.now() - origin,
      });
    }
  };
  const done = Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return {
    outcomes,
    /** Milliseconds since the writers started. */
    now: () => performance.now() - origin,
    stop: async () => {
      running = false;
      await done;
      return outcomes;
    },
  };
}
