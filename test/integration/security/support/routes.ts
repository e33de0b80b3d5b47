import type { RouteName } from '#test/integration/api/support/library.ts';

/** How to call each route: its path template and, for writes, a valid body to start from. */
export interface RouteCase {
  readonly name: RouteName;
  readonly path: string;
  /** Which seeded id fills `{id}`. */
  readonly id?: 'author' | 'book' | 'user';
  readonly body?: (ids: { author: string }) => Record<string, unknown>;
}

export const ROUTE_CASES: readonly RouteCase[] = Object.freeze([
  { name: 'createUser', path: '/users', body: () => ({ name: 'Ann', email: 'ann@example.com' }) },
  { name: 'listUsers', path: '/users' },
  { name: 'getUser', path: '/users/{id}', id: 'user' },
  { name: 'updateUser', path: '/users/{id}', id: 'user', body: () => ({ name: 'Bo' }) },
  {
    name: 'replaceUser',
    path: '/users/{id}',
    id: 'user',
    body: () => ({ name: 'Cy', email: 'cy@example.com' }),
  },
  { name: 'deleteUser', path: '/users/{id}', id: 'user' },
  { name: 'createAuthor', path: '/authors', body: () => ({ name: 'Ada', born: 1815 }) },
  { name: 'listAuthors', path: '/authors' },
  { name: 'getAuthor', path: '/authors/{id}', id: 'author' },
  { name: 'updateAuthor', path: '/authors/{id}', id: 'author', body: () => ({ bio: 'Poet' }) },
  {
    name: 'replaceAuthor',
    path: '/authors/{id}',
    id: 'author',
    body: () => ({ name: 'Ada King', born: 1815 }),
  },
  { name: 'deleteAuthor', path: '/authors/{id}', id: 'author' },
  { name: 'listAuthorBooks', path: '/authors/{id}/books', id: 'author' },
  {
    name: 'createAuthorBook',
    path: '/authors/{id}/books',
    id: 'author',
    body: () => ({
      title: 'T',
      year: 1999,
      tags: ['a'],
      editions: [{ year: 2000, publisher: 'P' }],
    }),
  },
  {
    name: 'createBook',
    path: '/books',
    body: ({ author }) => ({ title: 'T', year: 1999, authorId: author, tags: ['a'] }),
  },
  {
    name: 'createBooks',
    path: '/books/bulk',
    body: ({ author }) => ({ books: [{ title: 'T', year: 1999, authorId: author }] }),
  },
  { name: 'listBooks', path: '/books' },
  { name: 'getBook', path: '/books/{id}', id: 'book' },
  {
    name: 'updateBook',
    path: '/books/{id}',
    id: 'book',
    body: () => ({ addTag: 'x', year: 2001 }),
  },
  {
    name: 'replaceBook',
    path: '/books/{id}',
    id: 'book',
    body: ({ author }) => ({ title: 'T2', year: 2000, authorId: author, tags: ['b'] }),
  },
  { name: 'deleteBook', path: '/books/{id}', id: 'book' },
  { name: 'booksPerYear', path: '/stats/books-per-year' },
  { name: 'openapi', path: '/openapi.json' },
]);

export const BODY_ROUTES = ROUTE_CASES.filter((r) => r.body);
export const ID_ROUTES = ROUTE_CASES.filter((r) => r.id);
export const LIST_ROUTES = ROUTE_CASES.filter((r) => r.name.startsWith('list'));
