import { describe, expect, it } from 'vitest';
import { useSecureApi } from '#test/integration/security/support/secure-api.ts';
import { FUZZ_RUNS, type FuzzRoute, fuzzRoute, successes, total } from './support/fuzz-route.ts';

// Property-based fuzzing of the books, stats and OpenAPI routes: no 5xx in FUZZ_RUNS random requests per route.
const api = useSecureApi('fuzz_books');
const ROUTES: FuzzRoute[] = [
  { name: 'createBook', path: '/books', body: 'book' },
  { name: 'createBooks', path: '/books/bulk', body: 'bulk' },
  { name: 'listBooks', path: '/books' },
  { name: 'getBook', path: '/books/{id}', idOf: 'book' },
  { name: 'updateBook', path: '/books/{id}', idOf: 'book', body: 'bookPatch' },
  { name: 'deleteBook', path: '/books/{id}', idOf: 'book' },
  { name: 'booksPerYear', path: '/stats/books-per-year' },
  { name: 'openapi', path: '/openapi.json' },
];

describe.each(ROUTES)('fuzz $name', (route) => {
  it(`answers below 500 to ${FUZZ_RUNS} random requests`, { timeout: 600_000 }, async () => {
    const statuses = await fuzzRoute(api.api, api.ids, route);
    expect(total(statuses)).toBeGreaterThanOrEqual(FUZZ_RUNS);
    if (!route.neverSucceeds)
      expect(successes(statuses), JSON.stringify([...statuses])).toBeGreaterThan(0);
  });
});
