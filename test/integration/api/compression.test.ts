import { describe, expect, it } from 'vitest';
import { byId, useLibrary } from './support/library-fixture.ts';

const f = useLibrary('api_compression');

/** A list page big enough to be worth compressing: 40 books of one author. */
async function fortyBooks() {
  const a = await f.author('Prolific');
  await f.books(
    a,
    Array.from({ length: 40 }, (_, i) => 1900 + i),
  );
  return a;
}

const listed = (encoding?: string) =>
  f.api.call('listBooks', {
    path: '/books?perPage=40',
    ...(encoding !== undefined ? { headers: { 'accept-encoding': encoding } } : {}),
  });

describe('compressed answers (Accept-Encoding, lib/http/compression.ts)', () => {
  it('answers br or gzip by the q-values (when equal, the client order), the same JSON, with Vary', async () => {
    await fortyBooks();
    const plain = await listed();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.raw.isBase64Encoded).toBeFalsy();
    // The plain answer varies by Accept-Encoding too: a cache must not give it to a br client.
    expect(plain.headers.vary).toBe('Accept-Encoding');
    for (const [accept, chosen] of [
      ['gzip, deflate, br', 'gzip'],
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0.5, gzip;q=1', 'gzip'],
      ['br, gzip;q=0', 'br'],
    ] as const) {
      const answer = await listed(accept);
      expect([accept, answer.status, answer.headers['content-encoding']]).toEqual([
        accept,
        200,
        chosen,
      ]);
      expect(answer.headers.vary).toBe('Accept-Encoding');
      expect(answer.raw.isBase64Encoded).toBe(true);
      expect(answer.body).toEqual(plain.body);
      const sent = Buffer.from(answer.raw.body ?? '', 'base64').length;
      expect(sent).toBeLessThan((plain.raw.body ?? '').length / 3);
    }
  });

  it('sends identity when the client accepts none of br and gzip', async () => {
    await fortyBooks();
    for (const accept of ['identity', 'zstd', 'br;q=0, gzip;q=0', '*;q=0']) {
      const answer = await listed(accept);
      expect([accept, answer.status, answer.headers['content-encoding']]).toEqual([
        accept,
        200,
        undefined,
      ]);
      expect(answer.headers.vary, accept).toBe('Accept-Encoding');
    }
  });

  it('says Vary: Accept-Encoding on a 304 as on the 200 it stands for (RFC 9110 §15.4.5)', async () => {
    await fortyBooks();
    const first = await listed('br');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\//);
    for (const encoding of ['br', undefined]) {
      const again = await f.api.call('listBooks', {
        path: '/books?perPage=40',
        headers: {
          'if-none-match': String(etag),
          ...(encoding ? { 'accept-encoding': encoding } : {}),
        },
      });
      expect([again.status, again.headers.vary]).toEqual([304, 'Accept-Encoding']);
    }
  });

  it('keeps problem answers plain, and single-document routes do not compress', async () => {
    const bad = await f.api.call('listBooks', {
      path: '/books?page=0',
      headers: { 'accept-encoding': 'br' },
    });
    expect([bad.status, bad.headers['content-encoding']]).toEqual([422, undefined]);
    expect(bad.headers['content-type']).toBe('application/problem+json');
    const a = await fortyBooks();
    const one = await f.api.call('getAuthor', {
      ...byId('/authors/{id}', a),
      headers: { 'accept-encoding': 'br' },
    });
    expect([one.status, one.headers['content-encoding']]).toEqual([200, undefined]);
  });
});
