import { describe, expect, it } from 'vitest';
import type { RouteName } from './support/library.ts';
import { byId, useLibrary } from './support/library-fixture.ts';

const f = useLibrary('api_fields');

const linkOf = (link: string | undefined, rel: string) =>
  link?.match(new RegExp(`<([^>]+)>; rel="${rel}"`))?.[1];

/** Every page from `path` on by the `next` links: the items and each page's link header. */
async function walk(route: RouteName, path: string, pathParameters?: Record<string, string>) {
  const items: Record<string, unknown>[] = [];
  const links: string[] = [];
  for (let at: string | undefined = path; at !== undefined; ) {
    const answer = await f.api.call(route, {
      path: at,
      ...(pathParameters ? { pathParameters } : {}),
    });
    expect(answer.status).toBe(200);
    items.push(...answer.body.items);
    links.push(answer.headers.link ?? '');
    at = linkOf(answer.headers.link, 'next');
  }
  return { items, links };
}

const keysOf = (items: readonly object[]) => [...new Set(items.flatMap((i) => Object.keys(i)))];

describe('?fields= on single-document reads', () => {
  it('answers _id and the named fields, tagged with the whole document’s version', async () => {
    const authorId = await f.author('Le Guin', { bio: 'Wrote Earthsea' });
    const [bookId] = await f.booksWith(authorId, [
      { title: 'The Dispossessed', year: 1974, tags: ['sf'], price: '9.50' },
    ]);
    const whole = await f.api.call('getBook', byId('/books/{id}', String(bookId)));
    const sparse = await f.api.call(
      'getBook',
      byId('/books/{id}?fields=title,price', String(bookId)),
    );
    expect(sparse.status).toBe(200);
    expect(sparse.body).toEqual({ _id: bookId, title: 'The Dispossessed', price: '9.50' });
    expect(sparse.headers.etag).toBe(whole.headers.etag);
    // The tag of a sparse read is good for a conditional GET and a conditional write.
    const again = await f.api.call('getBook', {
      ...byId('/books/{id}?fields=title', String(bookId)),
      headers: { 'if-none-match': String(sparse.headers.etag) },
    });
    expect(again.status).toBe(304);
    const patched = await f.api.call('updateBook', {
      ...byId('/books/{id}', String(bookId)),
      headers: { 'if-match': String(sparse.headers.etag) },
      body: { year: 1975 },
    });
    expect(patched.status).toBe(200);

    const author = await f.api.call('getAuthor', byId('/authors/{id}?fields=bio', authorId));
    expect(author.body).toEqual({ _id: authorId, bio: 'Wrote Earthsea' });
    // A field the document does not hold is simply absent; `version` when asked for.
    const versioned = await f.api.call(
      'getBook',
      byId('/books/{id}?fields=isbn,version', String(bookId)),
    );
    expect(versioned.body).toEqual({ _id: bookId, version: 2 });
  });

  it('reaches into embedded documents and arrays of them by dotted paths', async () => {
    const authorId = await f.author('Wolfe');
    const editions = [
      { year: 1980, publisher: 'Timescape' },
      { year: 1994, publisher: 'Orb' },
    ];
    const [bookId] = await f.booksWith(authorId, [
      { title: 'The Shadow of the Torturer', year: 1980, editions },
    ]);
    const answer = await f.api.call(
      'getBook',
      byId('/books/{id}?fields=author.name,editions.year,editions', String(bookId)),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ _id: bookId, author: { name: 'Wolfe' }, editions });
    const years = await f.api.call('listBooks', { path: '/books?fields=editions.year' });
    expect(years.body.items).toEqual([{ _id: bookId, editions: [{ year: 1980 }, { year: 1994 }] }]);
  });

  it('refuses names that are not fields of the model with a 422 naming each', async () => {
    const authorId = await f.author('Lem');
    for (const [query, details] of [
      ['fields=name,password', ['unknown field "password"']],
      ['fields=name,,bio', ['must name fields separated by single commas']],
      ['fields=name.first,%24where', ['unknown field "name.first"', 'unknown field "$where"']],
    ] as const) {
      const answer = await f.api.call('getAuthor', byId(`/authors/{id}?${query}`, authorId));
      expect(answer.status).toBe(422);
      expect(answer.body.errors).toEqual(
        details.map((detail) => ({ pointer: '/query/fields', detail })),
      );
    }
    const listed = await f.api.call('listBooks', { path: '/books?fields=title,secret' });
    expect(listed.status).toBe(422);
    expect(listed.body.errors).toEqual([
      { pointer: '/query/fields', detail: 'unknown field "secret"' },
    ]);
  });
});

describe('?fields= on lists', () => {
  it('keyset pages sorted by a field not selected still page through everything', async () => {
    const authorId = await f.author('Banks');
    const years = [1987, 1984, 1990, 1987, 1996, 1984, 2000];
    await f.books(authorId, years);
    const { items, links } = await walk('listBooks', '/books?sort=year&limit=3&fields=title');
    expect(keysOf(items)).toEqual(['_id', 'title']);
    const expected = await f.db
      .collection('books')
      .find({}, { projection: { title: 1 } })
      .sort({ year: 1, _id: 1 })
      .toArray();
    expect(items).toEqual(expected.map((b) => ({ _id: b._id.toHexString(), title: b.title })));
    // Every link keeps the selection.
    expect(links.every((link) => link.includes('fields=title'))).toBe(true);
  });

  it('page mode, the nested route and the withBookCount join select fields too', async () => {
    const authorId = await f.author('Tiptree', { born: 1915 });
    await f.books(authorId, [1973, 1978]);
    const page = await f.api.call('listBooks', {
      path: '/books?page=1&perPage=5&fields=year,authorId',
    });
    expect(keysOf(page.body.items).sort()).toEqual(['_id', 'authorId', 'year']);
    expect(page.body.total).toBe(2);

    const nested = await walk('listAuthorBooks', `/authors/${authorId}/books?limit=1&fields=year`, {
      id: authorId,
    });
    expect(nested.items.map((b) => b.year)).toEqual([1973, 1978]);
    expect(keysOf(nested.items)).toEqual(['_id', 'year']);
    expect(nested.links[0]).toContain('fields=year');

    const authors = await f.api.call('listAuthors', {
      path: '/authors?fields=name&withBookCount=true',
    });
    expect(authors.body.items).toEqual([{ _id: authorId, name: 'Tiptree', booksFound: 2 }]);
  });

  it('a search sorted by relevance selects fields', async () => {
    const authorId = await f.author('Herbert');
    await f.booksWith(authorId, [
      { title: 'Dune', year: 1965 },
      { title: 'Dune Messiah', year: 1969 },
      { title: 'The Dosadi Experiment', year: 1977 },
    ]);
    const answer = await f.api.call('listBooks', {
      path: '/books?q=dune&sort=relevance&fields=title',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((b: { title: string }) => b.title).sort()).toEqual([
      'Dune',
      'Dune Messiah',
    ]);
    expect(keysOf(answer.body.items)).toEqual(['_id', 'title']);
  });
});
