import { describe, expect, it } from 'vitest';
import { useSecureApi } from '#test/integration/security/support/secure-api.ts';
import { FUZZ_RUNS, type FuzzRoute, fuzzRoute, successes, total } from './support/fuzz-route.ts';

// Property-based fuzzing of the users routes: no 5xx in FUZZ_RUNS random requests per route.
const api = useSecureApi('fuzz_users');
const ROUTES: FuzzRoute[] = [
  { name: 'createUser', path: '/users', body: 'user' },
  { name: 'listUsers', path: '/users' },
  { name: 'getUser', path: '/users/{id}', idOf: 'user' },
  { name: 'updateUser', path: '/users/{id}', idOf: 'user', body: 'user' },
  { name: 'deleteUser', path: '/users/{id}', idOf: 'user' },
];

describe.each(ROUTES)('fuzz $name', (route) => {
  it(`answers below 500 to ${FUZZ_RUNS} random requests`, { timeout: 600_000 }, async () => {
    const statuses = await fuzzRoute(api.api, api.ids, route);
    expect(total(statuses)).toBeGreaterThanOrEqual(FUZZ_RUNS);
    if (!route.neverSucceeds)
      expect(successes(statuses), JSON.stringify([...statuses])).toBeGreaterThan(0);
  });
});
