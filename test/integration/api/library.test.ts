import type { MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupDatabase } from '#lib/setup/index.ts';
import { connectTestClient, testMongoUri, uniqueDbName } from '#test/support/database.ts';
import { type Library, loadLibrary } from './support/library.ts';

const DB = uniqueDbName('api_library');
let api: Library;
let client: MongoClient;

beforeAll(async () => {
  client = await connectTestClient();
  await setupDatabase(client.db(DB));
  api = await loadLibrary({
    MONGODB_URI: testMongoUri(),
    MONGODB_DB: DB,
    MONGODB_URI_SSM_PARAMETER: undefined,
  });
});
afterAll(async () => {
  await api?.mongo.resetMongoClient();
  await client.db(DB).dropDatabase();
  await client.close();
});
beforeEach(async () => {
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
  await Promise.all(['authors', 'books'].map((c) => client.db(DB).collection(c).deleteMany({})));
  return () => vi.restoreAllMocks();
});

const byId = (path: string, id: string) => ({
  path: path.replace('{id}', id),
  pathParameters: { id },
});
async function author(name: string, extra: object = {}): Promise<string> {
  const answer = await api.call('createAuthor', { path: '/authors', body: { name, ...extra } });
  expect(answer.status).toBe(201);
  return answer.body._id;
}
/** Seeds books without transactions, through the bulk route. */
async function books(authorId: string, years: number[]): Promise<string[]> {
  const answer = await api.call('createBooks', {
    path: '/books/bulk',
    body: { books: years.map((year, i) => ({ title: `Book ${year}-${i}`, year, authorId })) },
  });
  expect(answer.body.failed).toBe(0);
  return answer.body.items.map((i: { _id: string }) => i._id);
}

describe('authors CRUD', () => {
  it('creates (201 + Location), gets, patches (null unsets), deletes (204, then 404)', async () => {
    const created = await api.call('createAuthor', {
      path: '/authors',
      body: { name: ' Ursula ', bio: 'Earthsea', born: 1929 },
    });
    expect(created.body).toMatchObject({
      name: 'Ursula',
      bio: 'Earthsea',
      born: 1929,
      bookCount: 0,
    });
    expect(created.headers.location).toBe(`/authors/${created.body._id}`);
    const id = created.body._id;
    expect((await api.call('getAuthor', byId('/authors/{id}', id))).body).toEqual(created.body);
    const patched = await api.call('updateAuthor', {
      ...byId('/authors/{id}', id),
      body: { name: 'Ursula K. Le Guin', bio: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Ursula K. Le Guin', born: 1929 });
    expect(patched.body).not.toHaveProperty('bio');
    expect((await api.call('deleteAuthor', byId('/authors/{id}', id))).status).toBe(204);
    expect((await api.call('getAuthor', byId('/authors/{id}', id))).status).toBe(404);
  });

  it('422 for invalid bodies (bookCount is not settable), 400 for a malformed id', async () => {
    const bad = await api.call('createAuthor', {
      path: '/authors',
      body: { name: '', born: 1.5, bookCount: 9 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/body/bookCount',
      '/body/born',
      '/body/name',
    ]);
    expect((await api.call('getAuthor', byId('/authors/{id}', 'nope'))).status).toBe(400);
  });

  it('refuses to delete an author who still has books (409)', async () => {
    const id = await author('Busy');
    await books(id, [2001]);
    const answer = await api.call('deleteAuthor', byId('/authors/{id}', id));
    expect([answer.status, answer.body.type]).toEqual([409, '/problems/author-has-books']);
  });
});

describe('GET /authors', () => {
  it('pages by name with Link headers; keyset with cursor and limit', async () => {
    for (const name of ['Eve', 'Bob', 'Dan', 'Ann', 'Cid']) await author(name);
    const paged = await api.call('listAuthors', { path: '/authors?page=2&perPage=2' });
    expect(paged.body).toMatchObject({
      mode: 'page',
      page: 2,
      perPage: 2,
      total: 5,
      pages: 3,
      hasNext: true,
      hasPrev: true,
    });
    expect(paged.body.items.map((a: { name: string }) => a.name)).toEqual(['Cid', 'Dan']);
    expect(paged.headers.link).toBe(
      '</authors?page=1&perPage=2>; rel="first", </authors?page=1&perPage=2>; rel="prev", ' +
        '</authors?page=3&perPage=2>; rel="next", </authors?page=3&perPage=2>; rel="last"',
    );
    expect((await api.call('listAuthors', { path: '/authors?page=4&perPage=2' })).status).toBe(404);

    const first = await api.call('listAuthors', { path: '/authors?limit=3' });
    expect(first.body).toMatchObject({ mode: 'keyset', limit: 3, hasNext: true, hasPrev: false });
    expect(first.body).not.toHaveProperty('total');
    const next = first.headers.link?.match(/<([^>]+)>; rel="next"/)?.[1] ?? '';
    const second = await api.call('listAuthors', { path: next });
    expect(second.body.items.map((a: { name: string }) => a.name)).toEqual(['Dan', 'Eve']);
    expect(second.body.hasNext).toBe(false);
    const prev = second.headers.link?.match(/<([^>]+)>; rel="prev"/)?.[1] ?? '';
    expect((await api.call('listAuthors', { path: prev })).body.items).toEqual(first.body.items);
  });

  it('clamps sizes, refuses mixing modes and forged cursors', async () => {
    await author('Solo');
    expect((await api.call('listAuthors', { path: '/authors?perPage=1000' })).body.perPage).toBe(
      100,
    );
    expect((await api.call('listAuthors', { path: '/authors?limit=0' })).body.limit).toBe(1);
    expect((await api.call('listAuthors', { path: '/authors?page=1&limit=5' })).status).toBe(422);
    const forged = await api.call('listAuthors', { path: '/authors?cursor=eyJ4IjoxfQ.AAAA' });
    expect([forged.status, forged.body.type]).toEqual([400, '/problems/invalid-cursor']);
  });

  it('withBookCount=true joins the books with $lookup (booksFound agrees with bookCount)', async () => {
    const a = await author('Asimov');
    const b = await author('Bradbury');
    await books(a, [1950, 1951, 1952]);
    await books(b, [1953]);
    await author('Clarke');
    const answer = await api.call('listAuthors', { path: '/authors?withBookCount=true' });
    expect(
      answer.body.items.map((x: { name: string; booksFound: number; bookCount: number }) => [
        x.name,
        x.booksFound,
        x.bookCount,
      ]),
    ).toEqual([
      ['Asimov', 3, 3],
      ['Bradbury', 1, 1],
      ['Clarke', 0, 0],
    ]);
    expect(answer.headers.link).toContain('withBookCount=true');
    const plain = await api.call('listAuthors', { path: '/authors' });
    expect(plain.body.items[0]).not.toHaveProperty('booksFound');
  });
});

describe('books', () => {
  it('bulk: 200 with a status per item (ordered stops, unordered continues)', async () => {
    const a = await author('Herbert');
    const missing = '65a1b2c3d4e5f60718293a4b';
    const items = [
      { title: 'Dune', year: 1965, authorId: a, isbn: '0441172717' },
      { title: '', year: 1965, authorId: a },
      { title: 'Ghost', year: 1966, authorId: missing },
      { title: 'Dune again', year: 1966, authorId: a, isbn: '0441172717' },
      { title: 'Children', year: 1976, authorId: a, tags: ['sf'] },
    ];
    const unordered = await api.call('createBooks', {
      path: '/books/bulk',
      body: { books: items, ordered: false },
    });
    expect(unordered.status).toBe(200);
    expect(unordered.body).toMatchObject({ ordered: false, inserted: 2, failed: 3 });
    expect(unordered.body.items.map((i: { status: number }) => i.status)).toEqual([
      201, 422, 422, 409, 201,
    ]);
    expect(unordered.body.items[1].errors).toEqual([
      { pointer: '/body/books/1/title', detail: expect.any(String) },
    ]);
    expect(unordered.body.items[2].errors).toEqual([
      { pointer: '/body/books/2/authorId', detail: 'no author has this id' },
    ]);
    expect((await api.call('getAuthor', byId('/authors/{id}', a))).body.bookCount).toBe(2);

    const ordered = await api.call('createBooks', {
      path: '/books/bulk',
      body: { books: [{ title: 'Ok', year: 1980, authorId: a }, ...items.slice(1)] },
    });
    expect(ordered.body.items.map((i: { status: number }) => i.status)).toEqual([
      201, 422, 424, 424, 424,
    ]);
    expect(
      (await api.call('createBooks', { path: '/books/bulk', body: { books: [] } })).status,
    ).toBe(422);
  });

  it('get, patch ($set, $push, $unset), list by year with both modes, stats per year', async () => {
    const a = await author('Le Guin');
    const [first = ''] = await books(a, [1969, 1969, 1971, 1974]);
    const got = await api.call('getBook', byId('/books/{id}', first));
    expect(got.body).toMatchObject({
      year: 1969,
      authorId: a,
      author: { name: 'Le Guin' },
      genre: 'fiction',
      tags: [],
      editions: [],
    });
    const patched = await api.call('updateBook', {
      ...byId('/books/{id}', first),
      body: {
        title: 'The Left Hand of Darkness',
        rating: 5,
        addTag: 'classic',
        addEdition: { year: 1969, publisher: 'Ace' },
      },
    });
    expect(patched.body).toMatchObject({
      title: 'The Left Hand of Darkness',
      rating: 5,
      tags: ['classic'],
      editions: [{ year: 1969, publisher: 'Ace' }],
    });
    const unrated = await api.call('updateBook', {
      ...byId('/books/{id}', first),
      body: { rating: null },
    });
    expect(unrated.body).not.toHaveProperty('rating');
    const invalid = await api.call('updateBook', {
      ...byId('/books/{id}', first),
      body: { year: 3000, addEdition: { year: 1 } },
    });
    expect(invalid.status).toBe(422);

    const of1969 = await api.call('listBooks', { path: '/books?year=1969' });
    expect(of1969.body.total).toBe(2);
    const keyset = await api.call('listBooks', { path: '/books?limit=3' });
    expect(keyset.body.items.map((b: { year: number }) => b.year)).toEqual([1969, 1969, 1971]);
    const stats = await api.call('booksPerYear', { path: '/stats/books-per-year' });
    expect(stats.body).toEqual({
      items: [
        { year: 1969, count: 2 },
        { year: 1971, count: 1 },
        { year: 1974, count: 1 },
      ],
    });
  });

  it('GET /authors/{id}/books pages one author’s books; 404 for an unknown author', async () => {
    const a = await author('A');
    const b = await author('B');
    await books(a, [2001, 2000]);
    await books(b, [1999]);
    const answer = await api.call('listAuthorBooks', byId('/authors/{id}/books', a));
    expect(answer.body.items.map((x: { year: number }) => x.year)).toEqual([2000, 2001]);
    const missing = await api.call(
      'listAuthorBooks',
      byId('/authors/{id}/books', '65a1b2c3d4e5f60718293a4b'),
    );
    expect(missing.status).toBe(404);
  });
});

describe('users on the model layer', () => {
  it('answers conform to the document in both pagination modes and on errors', async () => {
    await client.db(DB).collection('users').deleteMany({});
    for (const name of ['U1', 'U2', 'U3']) {
      expect((await api.call('createUser', { path: '/users', body: { name } })).status).toBe(201);
    }
    expect(
      (await api.call('createUser', { path: '/users', body: { name: '', email: 'x' } })).status,
    ).toBe(422);
    const paged = await api.call('listUsers', { path: '/users?perPage=2' });
    expect(paged.body).toMatchObject({ mode: 'page', total: 3, pages: 2 });
    const keyset = await api.call('listUsers', { path: '/users?limit=2&withTotal=true' });
    expect(keyset.body).toMatchObject({ mode: 'keyset', total: 3, hasNext: true });
  });
});

describe('GET /openapi.json', () => {
  it('serves the document of every route, without a database', async () => {
    const answer = await api.call('openapi', { path: '/openapi.json' });
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    expect(Object.keys(answer.body.paths)).toEqual(
      expect.arrayContaining([
        '/authors/{id}/books',
        '/books/bulk',
        '/stats/books-per-year',
        '/users/{id}',
      ]),
    );
  });
});
