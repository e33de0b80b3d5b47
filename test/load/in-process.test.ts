import { describe, expect, it, vi } from 'vitest';
import { report } from '#test/integration/faults/support/report.ts';
import { expectSustained } from './harness/expect-sustained.ts';
import { loadScenario } from './harness/scenario.ts';

// `npm run load` runs this for 60 s; here a short, bounded version of the same scenario.
const DURATION_MS = Number(process.env.LOAD_TEST_DURATION_MS ?? 8_000);

describe('sustained load in-process (50 concurrent clients on one warm container)', () => {
  it(
    'no 5xx, connections and memory flat, every acknowledged write stored',
    async () => {
      vi.spyOn(console, 'log').mockImplementation(() => {});
      const summary = await loadScenario({
        target: 'in-process',
        concurrency: 50,
        durationMs: DURATION_MS,
      });
      const { acknowledged: _written, ...figures } = summary;
      report('load-in-process', figures);
      expectSustained(summary);
      // One container, one client: the pool (3) plus its monitors, and the observer's own.
      expect(summary.connections.maxAfterWarm).toBeLessThanOrEqual(3 + 2 + 3);
    },
    DURATION_MS + 60_000,
  );
});
