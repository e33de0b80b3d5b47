import { describe, expect, it } from 'vitest';
import { byId, useLibrary } from './support/library-fixture.ts';

const f = useLibrary('api_content_tags');

const list = (headers: Record<string, string> = {}) =>
  f.api.call('listBooks', { path: '/books?perPage=20', headers });

describe('GET answers without a version are tagged by content (lib/http/content-tag.ts)', () => {
  it('a list page: weak ETag, 304 while it is the same, 200 with a new tag once it changes', async () => {
    const authorId = await f.author('Jemisin');
    const [bookId] = await f.books(authorId, [2015, 2016, 2017]);
    const first = await list();
    expect(first.status).toBe(200);
    const tag = String(first.headers.etag);
    expect(tag).toMatch(/^W\/"[\w-]{27}"$/);
    expect((await list()).headers.etag).toBe(tag);

    const again = await list({ 'if-none-match': tag });
    expect(again.status).toBe(304);
    expect(again.raw.body).toBeUndefined();
    expect(again.headers.etag).toBe(tag);
    expect(again.headers['content-type']).toBeUndefined();
    // Weak comparison: a strong form of the same opaque tag, or `*`, matches too.
    expect((await list({ 'if-none-match': `"x", ${tag.slice(2)}` })).status).toBe(304);
    expect((await list({ 'if-none-match': '*' })).status).toBe(304);

    const patched = await f.api.call('updateBook', {
      ...byId('/books/{id}', String(bookId)),
      body: { title: 'The Fifth Season' },
    });
    expect(patched.status).toBe(200);
    const changed = await list({ 'if-none-match': tag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(tag);
  });

  it('the same tag compressed or not, and a 304 for a client that accepts br', async () => {
    const authorId = await f.author('Butler');
    await f.books(
      authorId,
      Array.from({ length: 20 }, (_, i) => 1970 + i),
    );
    const plain = await list();
    const br = await list({ 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.etag).toBe(plain.headers.etag);
    const current = await list({
      'accept-encoding': 'br',
      'if-none-match': String(plain.headers.etag),
    });
    expect(current.status).toBe(304);
    expect(current.raw.body).toBeUndefined();
    expect(current.headers['content-encoding']).toBeUndefined();
  });

  it('leaves a document its version tag, problems untagged, and refuses a malformed condition', async () => {
    const authorId = await f.author('Delany');
    const author = await f.api.call('getAuthor', byId('/authors/{id}', authorId));
    expect(author.headers.etag).toBe('"1"');
    const missing = await f.api.call('listBooks', { path: '/books?page=9' });
    expect(missing.status).toBe(404);
    expect(missing.headers.etag).toBeUndefined();
    for (const [route, path] of [
      ['listBooks', '/books'],
      ['openapi', '/openapi.json'],
    ] as const) {
      const malformed = await f.api.call(route, { path, headers: { 'if-none-match': 'W/bad' } });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors).toEqual([
        { pointer: '/headers/if-none-match', detail: 'is not an entity tag list' },
      ]);
    }
    // The statistics and the OpenAPI document are tagged too.
    for (const route of ['booksPerYear', 'openapi'] as const) {
      const path = route === 'openapi' ? '/openapi.json' : '/stats/books-per-year';
      const answer = await f.api.call(route, { path });
      const current = await f.api.call(route, {
        path,
        headers: { 'if-none-match': String(answer.headers.etag) },
      });
      expect([route, answer.status, current.status]).toEqual([route, 200, 304]);
    }
  });
});
