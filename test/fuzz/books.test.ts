import { describeFuzzedRoutes } from './support/fuzz-routes-suite.ts';

// Property-based fuzzing of the books, stats and OpenAPI routes: no 5xx in FUZZ_RUNS random requests per route.
describeFuzzedRoutes('fuzz_books', [
  { name: 'createBook', path: '/books', body: 'book' },
  { name: 'createBooks', path: '/books/bulk', body: 'bulk' },
  { name: 'listBooks', path: '/books' },
  { name: 'getBook', path: '/books/{id}', idOf: 'book' },
  { name: 'updateBook', path: '/books/{id}', idOf: 'book', body: 'bookPatch' },
  { name: 'replaceBook', path: '/books/{id}', idOf: 'book', body: 'bookWhole' },
  { name: 'deleteBook', path: '/books/{id}', idOf: 'book' },
  { name: 'booksPerYear', path: '/stats/books-per-year' },
  { name: 'openapi', path: '/openapi.json' },
]);
