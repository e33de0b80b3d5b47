import { beforeEach, describe, expect, it } from 'vitest';
import { useLibrary } from './support/library-fixture.ts';

const f = useLibrary('api_search');

const BOOKS = [
  { title: 'The Left Hand of Darkness', year: 1969, tags: ['sf', 'classic'] },
  { title: 'A Wizard of Earthsea', year: 1968, tags: ['fantasy', 'classic'] },
  { title: 'The Dispossessed', year: 1974, tags: ['sf'] },
  { title: 'Darkness at Noon', year: 1940, tags: ['politics'] },
  { title: 'Dune', year: 1965, tags: ['sf', 'classic'] },
];

const titles = (body: { items: { title: string }[] }) => body.items.map((b) => b.title);

beforeEach(async () => {
  await f.booksWith(await f.author('Various'), BOOKS);
});

const search = async (query: string) => {
  const answer = await f.api.call('listBooks', { path: `/books?${query}` });
  expect(answer.status).toBe(200);
  return answer;
};

describe('GET /books?q= (text search over titles and tags)', () => {
  it('matches stemmed words case-insensitively, in the list order', async () => {
    expect(titles((await search('q=DARK')).body)).toEqual([
      'Darkness at Noon',
      'The Left Hand of Darkness',
    ]);
    expect(titles((await search('q=classic&sort=-year')).body)).toEqual([
      'The Left Hand of Darkness',
      'A Wizard of Earthsea',
      'Dune',
    ]);
  });

  it('takes phrases and negations, and combines with the other filters', async () => {
    const phrase = encodeURIComponent('"left hand"');
    expect(titles((await search(`q=${phrase}`)).body)).toEqual(['The Left Hand of Darkness']);
    expect(titles((await search(`q=${encodeURIComponent('sf -dune')}`)).body)).toEqual([
      'The Left Hand of Darkness',
      'The Dispossessed',
    ]);
    expect(titles((await search('q=classic&year=1965')).body)).toEqual(['Dune']);
    expect((await search('q=unicorns')).body).toMatchObject({ items: [], hasNext: false });
  });

  it('pages in both modes: counts the matches, and the links keep the search', async () => {
    const paged = await search('q=sf&perPage=2');
    expect(paged.body).toMatchObject({ total: 3, pages: 2 });
    const keyset = await search('q=classic&sort=title&limit=2&withTotal=true');
    expect(keyset.body.total).toBe(3);
    const next = keyset.headers.link?.match(/<([^>]+)>; rel="next"/)?.[1] ?? '';
    expect(next).toMatch(/q=classic&sort=title&cursor=/);
    const rest = await f.api.call('listBooks', { path: next });
    expect([...titles(keyset.body), ...titles(rest.body)]).toEqual([
      'A Wizard of Earthsea',
      'Dune',
      'The Left Hand of Darkness',
    ]);
    expect(rest.body.hasNext).toBe(false);
  });

  it('sort=relevance puts the best matches first, by page number only', async () => {
    // The Left Hand of Darkness (1969) matches both words, Darkness at Noon (1940) one: the
    // reverse of the list's year order.
    const query = `q=${encodeURIComponent('hand darkness')}`;
    const byYear = await search(query);
    expect(titles(byYear.body)).toEqual(['Darkness at Noon', 'The Left Hand of Darkness']);
    const best = await search(`${query}&sort=relevance&perPage=1`);
    expect(titles(best.body)).toEqual(['The Left Hand of Darkness']);
    const next = best.headers.link?.match(/<([^>]+)>; rel="next"/)?.[1] ?? '';
    expect(next).toMatch(/sort=relevance/);
    const rest = await f.api.call('listBooks', { path: next });
    expect(titles(rest.body)).toEqual(['Darkness at Noon']);
    for (const [query, detail] of [
      ['sort=relevance', 'relevance needs a search (q)'],
      ['q=sf&sort=relevance&limit=2', 'relevance pages with page/perPage'],
    ] as const) {
      const refused = await f.api.call('listBooks', { path: `/books?${query}` });
      expect([refused.status, refused.body.errors]).toEqual([
        422,
        [{ pointer: '/query/sort', detail }],
      ]);
    }
  });

  it.each([
    ['empty', 'q=%20'],
    ['over 200 characters', `q=${'x'.repeat(201)}`],
  ])('refuses a search %s with a 422 at /query/q', async (_, query) => {
    const answer = await f.api.call('listBooks', { path: `/books?${query}` });
    expect([answer.status, answer.body.errors?.[0]?.pointer]).toEqual([422, '/query/q']);
  });
});
