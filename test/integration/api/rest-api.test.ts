import { describe, expect, it } from 'vitest';
import { invoke } from './support/invoke.ts';
import type { RouteName } from './support/library.ts';
import { byId, useLibrary } from './support/library-fixture.ts';
import { type RestEventInput, restEvent } from './support/rest-events.ts';

const APP = 'https://app.example.test';
const f = useLibrary('api_rest', true, { CORS_ALLOWED_ORIGINS: `${APP}, http://localhost:5173` });

/** Calls a route as a REST API (payload 1.0) calls its Lambda: the route's template as resource. */
function rest(route: RouteName, input: Omit<RestEventInput, 'resource'>) {
  const { handler, doc } = f.api.route(route);
  return invoke(handler, restEvent({ method: doc.method, resource: doc.path, ...input }));
}

describe('behind an API Gateway REST API (payload format 1.0, lib/http/rest-api-event.ts)', () => {
  it('creates and reads back a document: the same answers as behind an HTTP API, Location under the stage', async () => {
    const created = await rest('createAuthor', { path: '/authors', body: { name: 'Le Guin' } });
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/dev/authors/${created.body._id}`);
    const viaRest = await rest('getAuthor', byId('/authors/{id}', created.body._id));
    const viaHttp = await f.api.call('getAuthor', byId('/authors/{id}', created.body._id));
    expect(viaRest.status).toBe(200);
    expect(viaRest.body).toEqual(viaHttp.body);
    expect(viaRest.body).toEqual(created.body);
    expect(viaRest.headers.etag).toBe(viaHttp.headers.etag);
    // Behind a custom domain mapped at its root there is no stage in the path.
    const atRoot = await rest('createAuthor', {
      path: '/authors',
      body: { name: 'Delany' },
      requestContext: { path: '/authors' },
    });
    expect(atRoot.headers.location).toBe(`/authors/${atRoot.body._id}`);
  });

  it('reads repeated query parameters as API Gateway joins them, and links pages under the stage', async () => {
    const author = await f.author('Zelazny');
    await f.books(author, [1966, 1967, 1969]);
    const viaRest = await rest('listBooks', { path: '/books?fields=title&fields=year&perPage=2' });
    const viaHttp = await f.api.call('listBooks', { path: '/books?fields=title,year&perPage=2' });
    expect(viaRest.status).toBe(200);
    expect(viaRest.body).toEqual(viaHttp.body);
    expect(Object.keys(viaRest.body.items[0]).sort()).toEqual(['_id', 'title', 'year']);
    expect(viaRest.headers.link).toContain('</dev/books?');
    expect(viaRest.headers.link).toContain('rel="next"');
  });

  it('answers problems, 304s and compressed bodies as behind an HTTP API', async () => {
    const bad = await rest('getBook', byId('/books/{id}', 'not-an-id'));
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toBe('application/problem+json');
    expect(bad.body.instance).toBe('/dev/books/not-an-id');

    const author = await f.author('Butler');
    const [bookId = ''] = await f.books(author, [1979]);
    const first = await rest('getBook', byId('/books/{id}', bookId));
    const again = await rest('getBook', {
      ...byId('/books/{id}', bookId),
      headers: { 'If-None-Match': first.headers.etag ?? '' },
    });
    expect(again.status).toBe(304);

    await f.books(
      author,
      Array.from({ length: 40 }, (_, i) => 1900 + i),
    );
    const compressed = await rest('listBooks', {
      path: '/books?perPage=40',
      headers: { 'Accept-Encoding': 'br' },
    });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.raw.isBase64Encoded).toBe(true);
    expect(compressed.body.items).toHaveLength(40);
  });

  it('takes a base64 body (a REST API with binary media types encodes every body)', async () => {
    const author = await f.author('Jemisin');
    const body = Buffer.from(
      JSON.stringify({ title: 'The Fifth Season', year: 2015, authorId: author }),
    );
    const created = await rest('createBook', {
      path: '/books',
      headers: { 'Content-Type': 'application/json' },
      body: body.toString('base64'),
      isBase64Encoded: true,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'The Fifth Season', author: { name: 'Jemisin' } });
  });

  it('adds CORS headers for an allowed origin, problems included; none for another origin, none behind an HTTP API', async () => {
    const fromApp = await rest('listAuthors', { path: '/authors', headers: { Origin: APP } });
    expect(fromApp.headers['access-control-allow-origin']).toBe(APP);
    expect(fromApp.headers.vary).toContain('Origin');
    expect(fromApp.headers['access-control-expose-headers']).toBe(
      'ETag, Idempotent-Replayed, Location, Link, Retry-After, WWW-Authenticate',
    );
    const problem = await rest('createAuthor', {
      path: '/authors',
      body: { name: 'x' },
      token: null,
      headers: { Origin: APP },
    });
    expect(problem.status).toBe(401);
    expect(problem.headers['access-control-allow-origin']).toBe(APP);
    const elsewhere = await rest('listAuthors', {
      path: '/authors',
      headers: { Origin: 'https://evil.example' },
    });
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
    const viaHttpApi = await f.api.call('listAuthors', {
      path: '/authors',
      headers: { origin: APP },
    });
    expect(viaHttpApi.headers['access-control-allow-origin']).toBeUndefined();
  });
});
