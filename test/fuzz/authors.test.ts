import { describe, expect, it } from 'vitest';
import { useSecureApi } from '#test/integration/security/support/secure-api.ts';
import { FUZZ_RUNS, type FuzzRoute, fuzzRoute, successes, total } from './support/fuzz-route.ts';

// Property-based fuzzing of the authors routes: no 5xx in FUZZ_RUNS random requests per route.
const api = useSecureApi('fuzz_authors');
const ROUTES: FuzzRoute[] = [
  { name: 'createAuthor', path: '/authors', body: 'author' },
  { name: 'listAuthors', path: '/authors' },
  { name: 'getAuthor', path: '/authors/{id}', idOf: 'author' },
  { name: 'updateAuthor', path: '/authors/{id}', idOf: 'author', body: 'authorPatch' },
  { name: 'deleteAuthor', path: '/authors/{id}', idOf: 'author', neverSucceeds: true },
  { name: 'listAuthorBooks', path: '/authors/{id}/books', idOf: 'author' },
  { name: 'createAuthorBook', path: '/authors/{id}/books', idOf: 'author', body: 'book' },
];

describe.each(ROUTES)('fuzz $name', (route) => {
  it(`answers below 500 to ${FUZZ_RUNS} random requests`, { timeout: 600_000 }, async () => {
    const statuses = await fuzzRoute(api.api, api.ids, route);
    expect(total(statuses)).toBeGreaterThanOrEqual(FUZZ_RUNS);
    if (!route.neverSucceeds)
      expect(successes(statuses), JSON.stringify([...statuses])).toBeGreaterThan(0);
  });
});
