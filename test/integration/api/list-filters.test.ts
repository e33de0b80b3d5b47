import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENRES } from '#lib/books/model.ts';
import { useLibrary } from './support/library-fixture.ts';

// Seeded once: the tests only read.
const f = useLibrary('api_filters', false);

interface Seed {
  title: string;
  year: number;
  genre: (typeof GENRES)[number];
  tags: string[];
  rating?: number;
  price?: string;
}

const TAGS = ['sf', 'classic', 'award'];
// 24 books over every combination the filters look at, some without rating or price.
const SEEDS: Seed[] = Array.from({ length: 24 }, (_, i) => ({
  title: `Book ${i}`,
  year: 1960 + (i % 8),
  genre: GENRES[i % GENRES.length] ?? 'fiction',
  tags: TAGS.filter((_, t) => (i >> t) & 1),
  ...(i % 3 === 0 ? {} : { rating: (i % 6) * 0.9 }),
  ...(i % 4 === 0 ? {} : { price: `${(i * 3.25).toFixed(2)}` }),
}));

beforeAll(async () => {
  await f.booksWith(await f.author('Filtered'), SEEDS);
});

const titles = async (query: string) => {
  const answer = await f.api.call('listBooks', { path: `/books?perPage=100&${query}` });
  expect(answer.status).toBe(200);
  return answer.body.items.map((b: { title: string }) => b.title).sort();
};
const expected = (keep: (s: Seed) => boolean) =>
  SEEDS.filter(keep)
    .map((s) => s.title)
    .sort();

describe('GET /books filters (lib/model/filters.ts)', () => {
  it.each([
    ['year=1961', (s: Seed) => s.year === 1961],
    ['year[gte]=1962&year[lte]=1964', (s: Seed) => s.year >= 1962 && s.year <= 1964],
    ['genre=poetry', (s: Seed) => s.genre === 'poetry'],
    ['tags=award', (s: Seed) => s.tags.includes('award')],
    ['rating[gte]=2.5', (s: Seed) => (s.rating ?? -1) >= 2.5],
    ['price[gte]=20&price[lte]=50.5', (s: Seed) => inRange(s.price, 20, 50.5)],
    [
      'tags=sf&genre=fiction&year[gte]=1963',
      (s: Seed) => s.tags.includes('sf') && s.genre === 'fiction' && s.year >= 1963,
    ],
  ])('%s', async (query, keep) => {
    const want = expected(keep);
    expect(want.length).toBeGreaterThan(0);
    expect(await titles(query)).toEqual(want);
  });

  it('matches an in-memory filter for any combination (property)', async () => {
    const comparison = fc.record(
      {
        year: fc.integer({ min: 1958, max: 1969 }),
        yearFrom: fc.integer({ min: 1958, max: 1969 }),
        genre: fc.constantFrom(...GENRES),
        tag: fc.constantFrom(...TAGS),
        rating: fc.double({ min: 0, max: 5, noNaN: true }),
        priceTo: fc.integer({ min: 0, max: 80 }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(comparison, async (c) => {
        const query = new URLSearchParams();
        if (c.year !== undefined) query.set('year', String(c.year));
        if (c.yearFrom !== undefined) query.set('year[gte]', String(c.yearFrom));
        if (c.genre !== undefined) query.set('genre', c.genre);
        if (c.tag !== undefined) query.set('tags', c.tag);
        if (c.rating !== undefined) query.set('rating[gte]', String(c.rating));
        if (c.priceTo !== undefined) query.set('price[lte]', String(c.priceTo));
        const keep = (s: Seed) =>
          (c.year === undefined || s.year === c.year) &&
          (c.yearFrom === undefined || s.year >= c.yearFrom) &&
          (c.genre === undefined || s.genre === c.genre) &&
          (c.tag === undefined || s.tags.includes(c.tag)) &&
          (c.rating === undefined || (s.rating !== undefined && s.rating >= c.rating)) &&
          (c.priceTo === undefined || inRange(s.price, 0, c.priceTo));
        expect(await titles(query.toString())).toEqual(expected(keep));
      }),
      { numRuns: 60 },
    );
  });

  it('walks keyset pages in any sort under any filter, as an in-memory sort orders them (property)', async () => {
    const stored = await f.db.collection('books').find({ 'author.name': 'Filtered' }).toArray();
    const key = (value: unknown) => (value instanceof Date ? value.getTime() : (value as number));
    const run = fc.record({
      sort: fc.constantFrom('year', '-year', 'title', '-title', 'createdAt', '-createdAt'),
      yearFrom: fc.option(fc.integer({ min: 1959, max: 1968 }), { nil: undefined }),
      tag: fc.option(fc.constantFrom(...TAGS), { nil: undefined }),
      limit: fc.integer({ min: 1, max: 5 }),
    });
    await fc.assert(
      fc.asyncProperty(run, async ({ sort, yearFrom, tag, limit }) => {
        const query = new URLSearchParams({ sort, limit: String(limit) });
        if (yearFrom !== undefined) query.set('year[gte]', String(yearFrom));
        if (tag !== undefined) query.set('tags', tag);
        const seen: string[] = [];
        for (let at: string | undefined = `/books?${query}`; at !== undefined; ) {
          // A boundary that does not move would page forever: fail at once instead.
          expect(seen.length, 'pages that never end').toBeLessThanOrEqual(stored.length);
          const page = await f.api.call('listBooks', { path: at });
          seen.push(...page.body.items.map((b: { _id: string }) => b._id));
          at = page.headers.link?.match(/<([^>]+)>; rel="next"/)?.[1];
        }
        const field = sort.replace('-', '');
        const direction = sort.startsWith('-') ? -1 : 1;
        const want = stored
          .filter(
            (b) =>
              (yearFrom === undefined || b.year >= yearFrom) &&
              (tag === undefined || b.tags.includes(tag)),
          )
          .sort((a, b) => {
            const [x, y] = [key(a[field]), key(b[field])];
            const byField = x < y ? -1 : x > y ? 1 : 0;
            return direction * (byField || a._id.toHexString().localeCompare(b._id.toHexString()));
          })
          .map((b) => b._id.toHexString());
        expect(seen).toEqual(want);
      }),
      { numRuns: 25 },
    );
  });

  it('ignores an unknown plain parameter (a cache buster), on every list', async () => {
    expect(await titles('_=1700000000&year=1961')).toEqual(expected((s) => s.year === 1961));
    const users = await f.api.call('listUsers', { path: '/users?name[ne]=x' });
    expect([users.status, users.body.errors?.[0]?.pointer]).toEqual([422, '/query/name[ne]']);
  });

  it('keeps the filters in its links, and refuses a value of the wrong type with a 422', async () => {
    const since = '1999-01-01T00:00:00.000Z';
    const page = await f.api.call('listBooks', {
      path: `/books?perPage=2&tags=sf&createdAt[gte]=${since}&price[gte]=1.50`,
    });
    const next = page.headers.link?.match(/<([^>]+)>; rel="next"/)?.[1] ?? '';
    const kept = new URLSearchParams(next.split('?')[1]);
    expect([kept.get('tags'), kept.get('createdAt[gte]'), kept.get('price[gte]')]).toEqual([
      'sf',
      since,
      '1.50',
    ]);
    // A comparison the list does not offer is refused, not silently ignored.
    for (const bad of [
      'year[gte]=soon',
      'genre=novel',
      'price[lte]=cheap',
      'createdAt[lt]=now',
      'year[gt]=1960',
      'title[eq]=Dune',
    ]) {
      const answer = await f.api.call('listBooks', { path: `/books?${bad}` });
      const param = bad.split('=')[0];
      expect([bad, answer.status, answer.body.errors?.[0]?.pointer]).toEqual([
        bad,
        422,
        `/query/${param}`,
      ]);
    }
  });
});

function inRange(price: string | undefined, from: number, to: number): boolean {
  return price !== undefined && Number(price) >= from && Number(price) <= to;
}

describe('GET /users and /authors filters', () => {
  it('finds a user by e-mail as the model stores it (trimmed, lower-cased)', async () => {
    await f.db.collection('users').deleteMany({});
    for (const [name, email] of [
      ['Ada', 'ada@example.com'],
      ['Grace', 'grace@example.com'],
    ]) {
      await f.api.call('createUser', { path: '/users', body: { name, email } });
    }
    const found = await f.api.call('listUsers', {
      path: `/users?email=${encodeURIComponent(' ADA@Example.com ')}`,
    });
    expect(found.body.items.map((u: { name: string }) => u.name)).toEqual(['Ada']);
    const malformed = await f.api.call('listUsers', { path: '/users?email=nobody' });
    expect([malformed.status, malformed.body.errors?.[0]?.pointer]).toEqual([422, '/query/email']);
  });

  it('authors by born range and bookCount', async () => {
    const names: Record<string, number | undefined> = {
      Old: 1850,
      Mid: 1920,
      New: 1980,
      Unknown: undefined,
    };
    for (const [name, born] of Object.entries(names)) {
      await f.author(name, born === undefined ? {} : { born });
    }
    const listed = async (query: string) => {
      const answer = await f.api.call('listAuthors', { path: `/authors?perPage=100&${query}` });
      return answer.body.items.map((a: { name: string }) => a.name);
    };
    expect(await listed('born[gte]=1900&born[lte]=1990')).toEqual(['Mid', 'New']);
    // The seeded author of the file's books has 24; the new ones none.
    expect(await listed('bookCount[gte]=1')).toEqual(['Filtered']);
  });
});
