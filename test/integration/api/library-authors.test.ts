import { describe, expect, it } from 'vitest';
import { byId, useLibrary } from './support/library-fixture.ts';

const f = useLibrary('api_authors');

describe('authors CRUD', () => {
  it('creates (201 + Location), gets, patches (null unsets), deletes (204, then 404)', async () => {
    const created = await f.api.call('createAuthor', {
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
    expect((await f.api.call('getAuthor', byId('/authors/{id}', id))).body).toEqual(created.body);
    const patched = await f.api.call('updateAuthor', {
      ...byId('/authors/{id}', id),
      body: { name: 'Ursula K. Le Guin', bio: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Ursula K. Le Guin', born: 1929 });
    expect(patched.body).not.toHaveProperty('bio');
    expect((await f.api.call('deleteAuthor', byId('/authors/{id}', id))).status).toBe(204);
    expect((await f.api.call('getAuthor', byId('/authors/{id}', id))).status).toBe(404);
  });

  it('422 for invalid bodies (bookCount is not settable), 400 for a malformed id', async () => {
    const bad = await f.api.call('createAuthor', {
      path: '/authors',
      body: { name: '', born: 1.5, bookCount: 9 },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/body/bookCount',
      '/body/born',
      '/body/name',
    ]);
    expect((await f.api.call('getAuthor', byId('/authors/{id}', 'nope'))).status).toBe(400);
  });

  it('refuses to delete an author who still has books (409)', async () => {
    const id = await f.author('Busy');
    await f.books(id, [2001]);
    const answer = await f.api.call('deleteAuthor', byId('/authors/{id}', id));
    expect([answer.status, answer.body.type]).toEqual([409, '/problems/author-has-books']);
  });
});

describe('GET /authors', () => {
  it('pages by name with Link headers; keyset with cursor and limit', async () => {
    for (const name of ['Eve', 'Bob', 'Dan', 'Ann', 'Cid']) await f.author(name);
    const paged = await f.api.call('listAuthors', { path: '/authors?page=2&perPage=2' });
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
    expect((await f.api.call('listAuthors', { path: '/authors?page=4&perPage=2' })).status).toBe(
      404,
    );

    const first = await f.api.call('listAuthors', { path: '/authors?limit=3' });
    expect(first.body).toMatchObject({ mode: 'keyset', limit: 3, hasNext: true, hasPrev: false });
    expect(first.body).not.toHaveProperty('total');
    const next = first.headers.link?.match(/<([^>]+)>; rel="next"/)?.[1] ?? '';
    const second = await f.api.call('listAuthors', { path: next });
    expect(second.body.items.map((a: { name: string }) => a.name)).toEqual(['Dan', 'Eve']);
    expect(second.body.hasNext).toBe(false);
    const prev = second.headers.link?.match(/<([^>]+)>; rel="prev"/)?.[1] ?? '';
    expect((await f.api.call('listAuthors', { path: prev })).body.items).toEqual(first.body.items);
  });

  it('clamps sizes, refuses mixing modes and forged cursors', async () => {
    await f.author('Solo');
    expect((await f.api.call('listAuthors', { path: '/authors?perPage=1000' })).body.perPage).toBe(
      100,
    );
    expect((await f.api.call('listAuthors', { path: '/authors?limit=0' })).body.limit).toBe(1);
    expect((await f.api.call('listAuthors', { path: '/authors?page=1&limit=5' })).status).toBe(422);
    const forged = await f.api.call('listAuthors', { path: '/authors?cursor=eyJ4IjoxfQ.AAAA' });
    expect([forged.status, forged.body.type]).toEqual([400, '/problems/invalid-cursor']);
  });

  it('withBookCount=true joins the books with $lookup (booksFound agrees with bookCount)', async () => {
    const a = await f.author('Asimov');
    const b = await f.author('Bradbury');
    await f.books(a, [1950, 1951, 1952]);
    await f.books(b, [1953]);
    await f.author('Clarke');
    const answer = await f.api.call('listAuthors', { path: '/authors?withBookCount=true' });
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
    const plain = await f.api.call('listAuthors', { path: '/authors' });
    expect(plain.body.items[0]).not.toHaveProperty('booksFound');
  });
});
