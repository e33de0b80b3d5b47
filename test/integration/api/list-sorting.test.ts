import { describe, expect, it } from 'vitest';
import type { RouteName } from './support/library.ts';
import { byId, useLibrary } from './support/library-fixture.ts';

const f = useLibrary('api_sorting');

interface Listed {
  _id: string;
  title: string;
  name: string;
  bookCount: number;
}

const linkOf = (link: string | undefined, rel: string) =>
  link?.match(new RegExp(`<([^>]+)>; rel="${rel}"`))?.[1];

/** Follows the Link header's `rel` from `path` to the end: the ids of every page, in order. */
async function walk(route: RouteName, path: string, rel: 'next' | 'prev' = 'next') {
  const pages: string[][] = [];
  let last = path;
  for (let at: string | undefined = path; at !== undefined; ) {
    const answer = await f.api.call(route, { path: at });
    expect(answer.status).toBe(200);
    pages.push(answer.body.items.map((item: Listed) => item._id));
    last = at;
    at = linkOf(answer.headers.link, rel);
  }
  return Object.assign(pages, { last });
}

/** The order mongod gives for (field, _id): the reference the pages must follow. */
async function idsBy(collection: string, field: string, direction: 1 | -1, filter = {}) {
  const docs = await f.db
    .collection(collection)
    .find(filter)
    .sort({ [field]: direction, _id: direction })
    .toArray();
  return docs.map((d) => d._id.toHexString());
}

async function seedBooks() {
  const a = await f.author('Le Guin');
  // Ties on title and on year, inserted out of order: only (field, _id) gives one order.
  const titles = ['Dune', 'Anathem', 'Dune', 'Solaris', 'Anathem', 'Ubik', 'Dune'];
  await f.booksWith(
    a,
    titles.map((title, i) => ({ title, year: 1960 + (i % 3) })),
  );
}

describe('?sort= on list routes', () => {
  it('keyset pages follow (title, _id) both ways and keep the order in their links', async () => {
    await seedBooks();
    for (const [sort, direction] of [
      ['title', 1],
      ['-title', -1],
    ] as const) {
      const forward = await walk('listBooks', `/books?sort=${sort}&limit=2`);
      expect(forward.map((p) => p.length)).toEqual([2, 2, 2, 1]);
      expect(forward.flat()).toEqual(await idsBy('books', 'title', direction));
      expect(forward.last).toContain(`sort=${encodeURIComponent(sort)}`);
      // From the last page back to the first by the prev links: the same pages.
      const backward = await walk('listBooks', forward.last, 'prev');
      expect([...backward].reverse()).toEqual([...forward]);
    }
  });

  it('page mode sorts too, and the sort combines with a filter', async () => {
    await seedBooks();
    const pages = await walk('listBooks', '/books?sort=-createdAt&perPage=3&year=1961');
    expect(pages.flat()).toEqual(await idsBy('books', 'createdAt', -1, { year: 1961 }));
    const titled = await f.api.call('listBooks', { path: '/books?sort=title&page=1&perPage=7' });
    const titles = titled.body.items.map((b: Listed) => b.title);
    expect(titles).toEqual([...titles].sort());
  });

  it('a cursor belongs to its order: another sort refuses it with a 400', async () => {
    await seedBooks();
    const first = await f.api.call('listBooks', { path: '/books?sort=title&limit=2' });
    const reused = await f.api.call('listBooks', {
      path: `/books?sort=-title&limit=2&cursor=${first.body.nextCursor}`,
    });
    expect([reused.status, reused.body.type]).toEqual([400, '/problems/invalid-cursor']);
    const unsorted = await f.api.call('listBooks', {
      path: `/books?limit=2&cursor=${first.body.nextCursor}`,
    });
    expect(unsorted.status).toBe(400);
  });

  it.each(['price', '$natural', 'title,year', '-_id'])(
    'answers 422 for sort=%s, a field or form it does not offer',
    async (sort) => {
      const answer = await f.api.call('listBooks', {
        path: `/books?sort=${encodeURIComponent(sort)}`,
      });
      expect(answer.status).toBe(422);
      expect(answer.body.errors).toEqual([expect.objectContaining({ pointer: '/query/sort' })]);
    },
  );

  it('authors by -bookCount (the most prolific first), users by name', async () => {
    const names = ['Asimov', 'Bradbury', 'Clarke'];
    const ids = await Promise.all(names.map((n) => f.author(n)));
    await f.books(ids[1] ?? '', [1950, 1951, 1952]);
    await f.books(ids[2] ?? '', [1953]);
    const prolific = await f.api.call('listAuthors', {
      path: '/authors?sort=-bookCount&withBookCount=true',
    });
    expect(prolific.body.items.map((a: Listed) => [a.name, a.bookCount])).toEqual([
      ['Bradbury', 3],
      ['Clarke', 1],
      ['Asimov', 0],
    ]);
    expect(linkOf(prolific.headers.link, 'first')).toMatch(/withBookCount=true&sort=-bookCount/);

    await f.db.collection('users').deleteMany({});
    for (const name of ['Mia', 'Al', 'Zoe', 'Al']) {
      await f.api.call('createUser', { path: '/users', body: { name } });
    }
    const users = await walk('listUsers', '/users?sort=-name&limit=3');
    expect(users.flat()).toEqual(await idsBy('users', 'name', -1));
    const first = users.flat()[0] ?? '';
    expect((await f.api.call('getUser', byId('/users/{id}', first))).body.name).toBe('Zoe');
  });

  it('authors by name alphabetically, whatever the case (the model collation), page by page', async () => {
    const names = [
      'Zelazny',
      'de Camp',
      'Delany',
      'le Guin',
      'Asimov',
      'Émile Zola',
      'Eco',
      'ZAMYATIN',
    ];
    for (const name of names) await f.author(name);
    const alphabetical = [...names].sort(
      new Intl.Collator('en', { sensitivity: 'accent' }).compare,
    );
    const nameOf = new Map<string, string>();
    const pages = await walk('listAuthors', '/authors?sort=name&limit=3');
    for (const page of await Promise.all(
      pages.flat().map((id) => f.api.call('getAuthor', byId('/authors/{id}', id))),
    ))
      nameOf.set(page.body._id, page.body.name);
    expect(pages.flat().map((id) => nameOf.get(id))).toEqual(alphabetical);
    expect(pages.flat().map((id) => nameOf.get(id))).toEqual([
      'Asimov',
      'de Camp',
      'Delany',
      'Eco',
      'Émile Zola',
      'le Guin',
      'ZAMYATIN',
      'Zelazny',
    ]);
    const backwards = await walk('listAuthors', '/authors?sort=-name&limit=3');
    expect(backwards.flat()).toEqual([...pages.flat()].reverse());
    const paged = await f.api.call('listAuthors', { path: '/authors?sort=name&page=2&perPage=3' });
    expect(paged.body.items.map((a: Listed) => a.name)).toEqual(['Eco', 'Émile Zola', 'le Guin']);
  });
});
