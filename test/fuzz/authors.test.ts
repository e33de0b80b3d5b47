import { describeFuzzedRoutes } from './support/fuzz-routes-suite.ts';

// Property-based fuzzing of the authors routes: no 5xx in FUZZ_RUNS random requests per route.
describeFuzzedRoutes('fuzz_authors', [
  { name: 'createAuthor', path: '/authors', body: 'author' },
  { name: 'listAuthors', path: '/authors' },
  { name: 'getAuthor', path: '/authors/{id}', idOf: 'author' },
  { name: 'updateAuthor', path: '/authors/{id}', idOf: 'author', body: 'authorPatch' },
  { name: 'replaceAuthor', path: '/authors/{id}', idOf: 'author', body: 'authorWhole' },
  { name: 'deleteAuthor', path: '/authors/{id}', idOf: 'author', neverSucceeds: true },
  { name: 'listAuthorBooks', path: '/authors/{id}/books', idOf: 'author' },
  {
    name: 'createAuthorBook',
    path: '/authors/{id}/books',
    idOf: 'author',
    body: 'authorBookWhole',
  },
]);
