import { describe, expect, it } from 'vitest';
import { useSecureApi } from '#test/integration/security/support/secure-api.ts';
import { FUZZ_RUNS, type FuzzRoute, fuzzRoute, successes, total } from './fuzz-route.ts';

/**
 * Registers one test per route, on a secured API of the file's own (database `prefix`): each
 * answers below 500 to FUZZ_RUNS random requests and, unless it never can, succeeds at least once.
 */
export function describeFuzzedRoutes(prefix: string, routes: readonly FuzzRoute[]): void {
  const api = useSecureApi(prefix);
  describe.each(routes)('fuzz $name', (route) => {
    it(`answers below 500 to ${FUZZ_RUNS} random requests`, { timeout: 600_000 }, async () => {
      const statuses = await fuzzRoute(api.api, api.ids, route);
      expect(total(statuses)).toBeGreaterThanOrEqual(FUZZ_RUNS);
      if (!route.neverSucceeds)
        expect(successes(statuses), JSON.stringify([...statuses])).toBeGreaterThan(0);
    });
  });
}
