import { Decimal128, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { byId, useLibrary } from './support/library-fixture.ts';

const f = useLibrary('api_books');

describe('books', () => {
  it('bulk: 200 with a status per item (ordered stops, unordered continues)', async () => {
    const a = await f.author('Herbert');
    const missing = '65a1b2c3d4e5f60718293a4b';
    const items = [
      { title: 'Dune', year: 1965, authorId: a, isbn: '0441172717' },
      { title: '', year: 1965, authorId: a },
      { title: 'Ghost', year: 1966, authorId: missing },
      { title: 'Dune again', year: 1966, authorId: a, isbn: '0441172717' },
      { title: 'Children', year: 1976, authorId: a, tags: ['sf'] },
    ];
    const unordered = await f.api.call('createBooks', {
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
    expect((await f.api.call('getAuthor', byId('/authors/{id}', a))).body.bookCount).toBe(2);

    const ordered = await f.api.call('createBooks', {
      path: '/books/bulk',
      body: { books: [{ title: 'Ok', year: 1980, authorId: a }, ...items.slice(1)] },
    });
    expect(ordered.body.items.map((i: { status: number }) => i.status)).toEqual([
      201, 422, 424, 424, 424,
    ]);
    expect(
      (await f.api.call('createBooks', { path: '/books/bulk', body: { books: [] } })).status,
    ).toBe(422);
  });

  it('get, patch ($set, $push, $unset), list by year with both modes, stats per year', async () => {
    const a = await f.author('Le Guin');
    const [first = ''] = await f.books(a, [1969, 1969, 1971, 1974]);
    const got = await f.api.call('getBook', byId('/books/{id}', first));
    expect(got.body).toMatchObject({
      year: 1969,
      authorId: a,
      author: { name: 'Le Guin' },
      genre: 'fiction',
      tags: [],
      editions: [],
    });
    const patched = await f.api.call('updateBook', {
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
    const unrated = await f.api.call('updateBook', {
      ...byId('/books/{id}', first),
      body: { rating: null },
    });
    expect(unrated.body).not.toHaveProperty('rating');
    const priced = await f.api.call('updateBook', {
      ...byId('/books/{id}', first),
      body: { price: '19.90' },
    });
    expect(priced.body.price).toBe('19.90');
    const stored = await f.db
      .collection('books')
      .findOne({ _id: new ObjectId(first) }, { promoteValues: false });
    expect(stored?.price).toBeInstanceOf(Decimal128);
    const unpriced = await f.api.call('updateBook', {
      ...byId('/books/{id}', first),
      body: { price: null },
    });
    expect(unpriced.body).not.toHaveProperty('price');
    const invalid = await f.api.call('updateBook', {
      ...byId('/books/{id}', first),
      body: { year: 3000, addEdition: { year: 1 } },
    });
    expect(invalid.status).toBe(422);

    const of1969 = await f.api.call('listBooks', { path: '/books?year=1969' });
    expect(of1969.body.total).toBe(2);
    const keyset = await f.api.call('listBooks', { path: '/books?limit=3' });
    expect(keyset.body.items.map((b: { year: number }) => b.year)).toEqual([1969, 1969, 1971]);
    const stats = await f.api.call('booksPerYear', { path: '/stats/books-per-year' });
    expect(stats.body).toEqual({
      items: [
        { year: 1969, count: 2 },
        { year: 1971, count: 1 },
        { year: 1974, count: 1 },
      ],
    });
  });

  it('GET /authors/{id}/books pages one author’s books; 404 for an unknown author', async () => {
    const a = await f.author('A');
    const b = await f.author('B');
    await f.books(a, [2001, 2000]);
    await f.books(b, [1999]);
    const answer = await f.api.call('listAuthorBooks', byId('/authors/{id}/books', a));
    expect(answer.body.items.map((x: { year: number }) => x.year)).toEqual([2000, 2001]);
    const missing = await f.api.call(
      'listAuthorBooks',
      byId('/authors/{id}/books', '65a1b2c3d4e5f60718293a4b'),
    );
    expect(missing.status).toBe(404);
  });
});

describe('users on the model layer', () => {
  it('answers conform to the document in both pagination modes and on errors', async () => {
    await f.db.collection('users').deleteMany({});
    for (const name of ['U1', 'U2', 'U3']) {
      expect((await f.api.call('createUser', { path: '/users', body: { name } })).status).toBe(201);
    }
    expect(
      (await f.api.call('createUser', { path: '/users', body: { name: '', email: 'x' } })).status,
    ).toBe(422);
    const paged = await f.api.call('listUsers', { path: '/users?perPage=2' });
    expect(paged.body).toMatchObject({ mode: 'page', total: 3, pages: 2 });
    const keyset = await f.api.call('listUsers', { path: '/users?limit=2&withTotal=true' });
    expect(keyset.body).toMatchObject({ mode: 'keyset', total: 3, hasNext: true });
  });
});

describe('GET /openapi.json', () => {
  it('serves the document of every route, without a database', async () => {
    const answer = await f.api.call('openapi', { path: '/openapi.json' });
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

  it('price: a decimal string in JSON, a decimal128 stored; numbers and extra places refused', async () => {
    const a = await f.author('Pratchett');
    const created = await f.api.call('createBook', {
      path: '/books',
      body: { title: 'Mort', year: 1987, authorId: a, price: '8.99' },
    });
    expect(created.status).toBe(201);
    expect(created.body.price).toBe('8.99');
    const got = await f.api.call('getBook', byId('/books/{id}', created.body._id));
    expect(got.body.price).toBe('8.99');
    for (const [price, detail] of [
      [8.99, 'must be a decimal number with at most 2 decimal places, written as a string'],
      ['8.999', 'must be a decimal number with at most 2 decimal places, written as a string'],
      ['-1', 'must be at least 0'],
    ] as const) {
      const refused = await f.api.call('createBook', {
        path: '/books',
        body: { title: 'Eric', year: 1990, authorId: a, price },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.errors).toEqual([{ pointer: '/body/price', detail }]);
    }
  });
});
