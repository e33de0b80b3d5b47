import { rm } from 'node:fs/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '#lib/auth/index.ts';
import { setupDatabase } from '#lib/setup/index.ts';
import { connectTestClient, testMongoUri, uniqueDbName } from '#test/support/database.ts';
import { type OfflineServer, startOfflineServer } from '#test/support/offline-server.ts';
import { writeRestApiConfig } from '#test/support/rest-api-config.ts';
import { offlineLambdaFailure } from './offline-failure.ts';

// The same bundles behind serverless-offline's REST API emulation (`http` events, payload 1.0),
// from serverless.yml with its httpApi events turned into http events (rest-api-config.ts).
const dbName = uniqueDbName('e2e_rest');
const APP = 'https://app.example.test';
let server: OfflineServer;
let config: string;
let token: string;

beforeAll(async () => {
  const client = await connectTestClient();
  try {
    await setupDatabase(client.db(dbName));
  } finally {
    await client.close();
  }
  config = await writeRestApiConfig(`rest-e2e-${process.pid}`);
  token = await mintDevToken({ scopes: ['api/write'], subject: 'e2e-rest' });
  server = await startOfflineServer(
    { MONGODB_URI: testMongoUri(), MONGODB_DB: dbName },
    { args: ['--config', config, `--param=corsAllowedOrigins=${APP}`] },
  );
}, 240_000);

afterEach(({ task }) => {
  if (task.result?.state === 'fail') console.error(server?.output().slice(-6000));
});

afterAll(async () => {
  await server?.stop();
  await rm(config, { force: true });
}, 30_000);

async function call(method: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`${server.baseUrl}${path}`, { method, ...init });
  // fetch undoes the content coding; `content-length` still counts the bytes that came.
  const text = await response.text();
  const failure = offlineLambdaFailure(response.status, text ? JSON.parse(text) : undefined);
  if (failure) throw new Error(`${method} ${path}: the Lambda failed (${failure}): ${text}`);
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

const write = (body: unknown) => ({
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify(body),
});

describe('behind a REST API (serverless-offline `http` events, payload 1.0)', () => {
  let authorId = '';

  it('creates, reads back and updates with If-Match', async () => {
    const created = await call('POST', '/authors', write({ name: 'Octavia Butler' }));
    expect(created.status).toBe(201);
    authorId = created.json()._id;
    expect(created.headers.get('location')).toBe(`/authors/${authorId}`);
    const read = await call('GET', `/authors/${authorId}`);
    expect(read.json()).toEqual(created.json());
    const etag = read.headers.get('etag') ?? '';
    const updated = await call('PATCH', `/authors/${authorId}`, {
      ...write({ born: 1947 }),
      headers: { ...write({}).headers, 'if-match': etag },
    });
    expect(updated.status).toBe(200);
    expect(updated.json()).toMatchObject({ born: 1947, version: 2 });
    const stale = await call('PATCH', `/authors/${authorId}`, {
      ...write({ born: 1948 }),
      headers: { ...write({}).headers, 'if-match': etag },
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toBe('application/problem+json');
  });

  it('reads a repeated query parameter as one list, and answers 304 to a known tag', async () => {
    for (const year of [1976, 1977, 1979]) {
      const book = await call('POST', '/books', write({ title: `Book ${year}`, year, authorId }));
      expect(book.status).toBe(201);
    }
    const page = await call('GET', '/books?fields=title&fields=year&sort=year');
    expect(page.status).toBe(200);
    expect(page.json().items.map((b: { year: number }) => b.year)).toEqual([1976, 1977, 1979]);
    expect(Object.keys(page.json().items[0]).sort()).toEqual(['_id', 'title', 'year']);
    const again = await call('GET', '/books?fields=title&fields=year&sort=year', {
      headers: { 'if-none-match': page.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('sends compressed answers as bytes, and problems with their media type', async () => {
    const compressed = await call('GET', '/books?sort=year', {
      headers: { 'accept-encoding': 'br' },
    });
    expect(compressed.headers.get('content-encoding')).toBe('br');
    expect(compressed.json().items).toHaveLength(3);
    expect(Number(compressed.headers.get('content-length'))).toBeLessThan(compressed.text.length);
    const bad = await call('GET', '/books/not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.json()).toMatchObject({ status: 400, instance: '/books/not-an-id' });
    const anonymous = await call('POST', '/books', { body: '{}' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  // serverless-offline reflects any Origin into every answer of an `http` route (API Gateway adds
  // nothing to a proxy integration's answers), so only headers it never sets on a POST tell the
  // function's own CORS answer apart; the refused origin is checked in-process
  // (test/integration/api/rest-api.test.ts), the preflight's configuration by the packaging test.
  it("carries the function's own CORS headers to a page of an allowed origin", async () => {
    const created = await call('POST', '/authors', {
      ...write({ name: 'Ursula K. Le Guin' }),
      headers: { ...write({}).headers, origin: APP },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe(APP);
    // (hapi, under serverless-offline, appends a few names of its own to the list)
    expect(created.headers.get('access-control-expose-headers')).toMatch(
      /^ETag, Idempotent-Replayed, Location, Link, Retry-After, WWW-Authenticate\b/,
    );
    expect(created.headers.get('vary')).toContain('Origin');
  });
});
