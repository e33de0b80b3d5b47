import { describe, expect, it } from 'vitest';
import { report } from '#test/integration/faults/support/report.ts';
import { expectSustained } from './harness/expect-sustained.ts';
import { loadScenario } from './harness/scenario.ts';

// The same load over HTTP through serverless-offline (esbuild bundles, a Lambda instance per
// concurrent request, as `npm start` runs them). `npm run load` runs it for 60 s.
const DURATION_MS = Number(process.env.LOAD_TEST_DURATION_MS ?? 8_000);

describe('sustained load through serverless-offline (50 concurrent HTTP clients)', () => {
  it(
    'no 5xx, connections and memory flat, every acknowledged write stored',
    async () => {
      const summary = await loadScenario({
        target: 'offline',
        concurrency: 50,
        durationMs: DURATION_MS,
      });
      const { acknowledged: _written, ...figures } = summary;
      report('load-offline', figures);
      expectSustained(summary);
      expect(summary.statuses[201]).toBeGreaterThan(0);
      // Four functions (create, replace, get, list), each one warm container with one client:
      // its pool (MONGODB_MAX_POOL_SIZE 3) plus two monitoring sockets; plus the observer's three.
      expect(summary.connections.maxAfterWarm).toBeLessThanOrEqual(4 * (3 + 2) + 3);
    },
    DURATION_MS + 240_000,
  );
});
