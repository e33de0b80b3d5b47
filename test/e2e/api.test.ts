import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { ObjectId } from 'mongodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mintDevToken } from '#lib/auth/index.ts';
import { onLocalDb, testMongoUri, uniqueDbName } from '#test/support/database.ts';
import { offlineLambdaFailure } from './offline-failure.ts';
import { freePort, type StartedApi, startApi } from './start-api.ts';

// The API as a developer runs it: `npm start` (serverless-offline + esbuild bundles + the real
// handlers) on free ports, driven over HTTP. On the default run it starts its own localdb in a
// scratch folder, as `npm start` does on a fresh clone; with MONGODB_URI set it uses that server.
const PROBLEM = 'application/problem+json';
const OBJECT_ID = /^[0-9a-f]{24}$/;

let api: StartedApi;
let writeToken: string;
let dataDir: string;
const dbName = uniqueDbName('e2e');

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'lmk-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(await freePort()),
    LAMBDA_PORT: String(await freePort()),
    LOCALDB_DB_PATH: join(dataDir, 'data'),
    MONGODB_DB: dbName,
    // No rebuild-and-reload when someone edits lib/ mid-run: requests in flight would time out.
    WATCH: 'false',
  };
  delete env.MONGODB_URI;
  if (!onLocalDb()) env.MONGODB_URI = testMongoUri();
  writeToken = await mintDevToken({ scopes: ['api/write'], subject: 'e2e' });
  api = await startApi(env);
}, 180_000);

// A failed step shows what the server printed around it (handler logs, offline's errors).
afterEach(({ task }) => {
  if (task.result?.state === 'fail') console.error(api?.output().slice(-6000));
});

afterAll(async () => {
  await api?.stop();
  await rm(dataDir, { recursive: true, force: true });
}, 30_000);

/** The httpApi routes serverless.yml declares, read independently of the start script. */
async function declaredRoutes() {
  const config = load(await readFile('serverless.yml', 'utf8')) as {
    functions: Record<string, { events?: { httpApi?: { method: string; path: string } }[] }>;
  };
  return Object.entries(config.functions).flatMap(([functionName, fn]) =>
    (fn.events ?? []).flatMap(({ httpApi }) =>
      httpApi ? [{ functionName, method: httpApi.method.toUpperCase(), path: httpApi.path }] : [],
    ),
  );
}

function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Writes carry a development-key token with the write scope, as `npm run token -- --write` mints. */
async function call(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = writeToken,
  extraHeaders: Record<string, string> = {},
) {
  const headers: Record<string, string> = { ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${api.baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  // A Lambda that failed or timed out (e.g. a cold start on a loaded machine) is answered 200
  // by serverless-offline: fail with what happened rather than "expected 200 to be 204".
  const failure = offlineLambdaFailure(response.status, parseOrText(text));
  if (failure) throw new Error(`${method} ${path}: the Lambda failed (${failure}): ${text}`);
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}

describe('npm start', () => {
  it('is the script this test runs', async () => {
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as {
      scripts: { start: string };
    };
    expect(pkg.scripts.start).toBe('node scripts/start.ts');
  });

  it('prints every route and the database in use', async () => {
    const out = api.output();
    expect(out).toContain(`API ready on ${api.baseUrl}`);
    for (const { method, path, functionName } of await declaredRoutes()) {
      expect(out).toContain(`${method.padEnd(6)} ${api.baseUrl}${path}  (${functionName})`);
    }
    expect(out).toMatch(new RegExp(`Database: .*database ${dbName}`));
  });

  it('answers GET /health once the database is reachable', async () => {
    const res = await call('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });
});

describe('users over HTTP', () => {
  let location = '';
  let id = '';

  it('POST /users → 201 with Location and the stored user', async () => {
    const res = await call('POST', '/users', { name: 'Ada Lovelace', email: 'Ada@Example.com' });
    expect(res.status).toBe(201);
    expect(res.type).toMatch(/^application\/json/);
    const user = res.json();
    expect(user._id).toMatch(OBJECT_ID);
    expect(user).toMatchObject({ name: 'Ada Lovelace', email: 'ada@example.com' });
    id = String(user._id);
    location = res.headers.get('location') ?? '';
    expect(location).toBe(`/users/${id}`);
  });

  it('GET Location → 200 with the same user', async () => {
    const res = await call('GET', location);
    expect(res.status).toBe(200);
    expect(res.json()).toMatchObject({ _id: id, name: 'Ada Lovelace', email: 'ada@example.com' });
  });

  it('GET /users → 200 page containing the user', async () => {
    await call('POST', '/users', { name: 'Grace Hopper' });
    const res = await call('GET', '/users?perPage=1');
    expect(res.status).toBe(200);
    const page = res.json();
    expect(page).toMatchObject({ page: 1, perPage: 1, total: 2 });
    expect(page.items).toEqual([expect.objectContaining({ _id: id })]);
    expect(res.headers.get('link')).toContain('rel="next"');
  });

  it('GET /users tags the page by content: 304 through serverless-offline while it is the same', async () => {
    const page = await call('GET', '/users?perPage=5');
    const tag = page.headers.get('etag') ?? '';
    expect(tag).toMatch(/^W\/"/);
    const again = await call('GET', '/users?perPage=5', undefined, null, { 'if-none-match': tag });
    expect(again.status).toBe(304);
  });

  it('GET /users?sort=-name → keyset pages in that order; the links keep the sort', async () => {
    const res = await call('GET', '/users?sort=-name&limit=1');
    expect(res.status).toBe(200);
    const items = res.json().items as { name: string }[];
    expect(items.map((u) => u.name)).toEqual(['Grace Hopper']);
    expect(res.headers.get('link')).toMatch(/sort=-name&cursor=[^>]+>; rel="next"/);
    expect((await call('GET', '/users?sort=email')).status).toBe(422);
  });

  it('?fields= selects fields, written as a list or as repeated parameters', async () => {
    const one = await call('GET', `${location}?fields=email`);
    expect(one.json()).toEqual({ _id: id, email: 'ada@example.com' });
    // API Gateway (and serverless-offline) joins a repeated parameter's values with commas.
    const page = await call('GET', '/users?sort=name&limit=1&fields=name&fields=email');
    expect(page.json().items).toEqual([
      { _id: id, name: 'Ada Lovelace', email: 'ada@example.com' },
    ]);
  });

  it('compresses a list page for a client that accepts br, and serverless-offline passes it on', async () => {
    const accept = { 'accept-encoding': 'br' };
    const res = await call('GET', '/users?sort=name&limit=50', undefined, null, accept);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    // serverless-offline adds `origin` for CORS, as API Gateway does.
    expect(res.headers.get('vary')).toMatch(/^Accept-Encoding\b/);
    // fetch undid the coding: the same page as an uncompressed request.
    const plain = await call('GET', '/users?sort=name&limit=50', undefined, null, {
      'accept-encoding': 'identity',
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(res.json()).toEqual(plain.json());
  });

  it('PATCH /users/{id} → 200 with the change applied', async () => {
    const res = await call('PATCH', location, { name: 'Augusta Ada King', email: null });
    expect(res.status).toBe(200);
    const user = res.json();
    expect(user).toMatchObject({ _id: id, name: 'Augusta Ada King' });
    expect(user).not.toHaveProperty('email');
  });

  it('PUT /users/{id} at a client-made id → 201, again → 200; If-None-Match: * then 412', async () => {
    const path = `/users/${new ObjectId().toHexString()}`;
    const created = await call('PUT', path, { name: 'Katherine Johnson' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(path);
    expect(created.headers.get('etag')).toBe('"1"');
    const replaced = await call('PUT', path, { name: 'Katherine G. Johnson' });
    expect(replaced.status).toBe(200);
    expect(replaced.json()).toMatchObject({ name: 'Katherine G. Johnson', version: 2 });
    const refused = await call('PUT', path, { name: 'x' }, writeToken, { 'if-none-match': '*' });
    expect(refused.status).toBe(412);
    expect(refused.type.startsWith(PROBLEM)).toBe(true);
  });

  it('DELETE /users/{id} → 204, then GET → 404 problem', async () => {
    const deleted = await call('DELETE', location);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    const gone = await call('GET', location);
    expect(gone.status).toBe(404);
    expect(gone.type.startsWith(PROBLEM)).toBe(true);
    expect(gone.json()).toMatchObject({ status: 404, type: '/problems/not-found' });
  });

  it('refuses a write without a bearer token: 401 problem+json with WWW-Authenticate', async () => {
    const res = await call('POST', '/users', { name: 'Anonymous' }, null);
    expect(res.status).toBe(401);
    expect(res.type.startsWith(PROBLEM)).toBe(true);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
  });

  it('rejects a malformed id with 400 problem+json', async () => {
    const res = await call('GET', '/users/not-an-object-id');
    expect(res.status).toBe(400);
    expect(res.type.startsWith(PROBLEM)).toBe(true);
    expect(res.json()).toMatchObject({ status: 400, type: '/problems/invalid-path-parameter' });
  });

  it('rejects an invalid body with 422 problem+json naming the field', async () => {
    const res = await call('POST', '/users', { name: '', email: 'not-an-email' });
    expect(res.status).toBe(422);
    expect(res.type.startsWith(PROBLEM)).toBe(true);
    const problem = res.json();
    expect(problem).toMatchObject({ status: 422, type: '/problems/validation-failed' });
    const pointers = (problem.errors as { pointer: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(['/body/email', '/body/name']);
  });

  it('enforces the unique email index that npm start set up: 409 on a duplicate', async () => {
    const first = await call('POST', '/users', { name: 'One', email: 'dup@example.com' });
    expect(first.status).toBe(201);
    const second = await call('POST', '/users', { name: 'Two', email: 'DUP@example.com' });
    expect(second.status).toBe(409);
    expect(second.json()).toMatchObject({ type: '/problems/duplicate-key' });
  });
});

describe('a price over HTTP, through the deployed bundles', () => {
  it('POST /authors/{id}/books takes price "12.50", GET answers "12.50", a number is a 422', async () => {
    const author = await call('POST', '/authors', { name: 'Pratchett' });
    expect(author.status).toBe(201);
    const created = await call('POST', `/authors/${String(author.json()._id)}/books`, {
      title: 'Mort',
      year: 1987,
      price: '12.50',
    });
    expect(created.status).toBe(201);
    expect(created.json().price).toBe('12.50');
    const got = await call('GET', `/books/${String(created.json()._id)}`);
    expect(got.json().price).toBe('12.50');
    const refused = await call('POST', `/authors/${String(author.json()._id)}/books`, {
      title: 'Eric',
      year: 1990,
      price: 12.5,
    });
    expect(refused.status).toBe(422);
    expect(refused.json().errors).toEqual([
      { pointer: '/body/price', detail: expect.stringContaining('written as a string') },
    ]);
  });
});

describe('list filters over HTTP', () => {
  it('reads year[gte]/year[lte] as the client encodes them (%5B %5D), and refuses year[gt]', async () => {
    const range = await call('GET', '/books?year%5Bgte%5D=1987&year%5Blte%5D=1987&sort=title');
    expect(range.status).toBe(200);
    const titles = (range.json().items as { title: string }[]).map((b) => b.title);
    expect(titles).toContain('Mort');
    expect((await call('GET', '/books?year%5Bgte%5D=1988')).json().items).toEqual([]);
    const refused = await call('GET', '/books?year%5Bgt%5D=1');
    expect(refused.status).toBe(422);
  });
});

describe('conditional requests over HTTP', () => {
  it('ETag on GET, 304 for a current If-None-Match, 412 for a stale If-Match', async () => {
    const created = await call('POST', '/authors', { name: 'Le Guin' });
    expect(created.headers.get('etag')).toBe('"1"');
    const path = `/authors/${String(created.json()._id)}`;
    const current = await call('GET', path, undefined, null, { 'if-none-match': '"1"' });
    expect(current.status).toBe(304);
    expect(current.text).toBe('');
    expect(current.headers.get('etag')).toBe('"1"');
    const changed = await call('PATCH', path, { bio: 'Earthsea' }, writeToken, {
      'if-match': '"1"',
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    const stale = await call('PATCH', path, { bio: 'Hainish' }, writeToken, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.type.startsWith(PROBLEM)).toBe(true);
    expect((await call('GET', path)).json().bio).toBe('Earthsea');
  });
});

describe('Idempotency-Key over HTTP', () => {
  it('a retried POST with the same key answers the first author again, marked as a replay', async () => {
    const key = { 'idempotency-key': `e2e-${Date.now()}` };
    const first = await call('POST', '/authors', { name: 'Retry' }, writeToken, key);
    const retry = await call('POST', '/authors', { name: 'Retry' }, writeToken, key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.json()._id).toBe(first.json()._id);
    const reused = await call('POST', '/authors', { name: 'Other' }, writeToken, key);
    expect(reused.status).toBe(422);
  });
});

describe('CORS, as serverless.yml configures it for API Gateway', () => {
  it('answers a preflight for a conditional PATCH and lets a page read the ETag', async () => {
    const origin = 'https://app.example.com';
    const author = await call('POST', '/authors', { name: 'Cors' });
    const path = `/authors/${String(author.json()._id)}`;
    const preflight = await fetch(`${api.baseUrl}${path}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization, content-type, if-match',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-origin')).toMatch(
      /^(\*|https:\/\/app\.example\.com)$/,
    );
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    expect(allowed).toContain('if-match');
    const read = await call('GET', path, undefined, null, { origin });
    expect(read.headers.get('access-control-allow-origin')).toMatch(
      /^(\*|https:\/\/app\.example\.com)$/,
    );
    expect((read.headers.get('access-control-expose-headers') ?? '').toLowerCase()).toContain(
      'etag',
    );
  });
});

describe('every route in serverless.yml', () => {
  it('reaches its own Lambda and answers below 500', async () => {
    const routes = await declaredRoutes();
    expect(routes.length).toBeGreaterThan(6);
    const someId = '0123456789abcdef01234567';
    const results: string[] = [];
    // A few at a time: each first call is a cold start of a worker of its own.
    for (let i = 0; i < routes.length; i += 4) {
      await Promise.all(
        routes.slice(i, i + 4).map(async ({ functionName, method, path }) => {
          const concrete = path.replaceAll(/\{[^}]+\}/g, someId);
          const withBody = method === 'POST' || method === 'PUT' || method === 'PATCH';
          const res = await call(method, concrete, withBody ? {} : undefined);
          results.push(`${method} ${path} → ${res.status}`);
          expect(res.status, `${method} ${path}`).toBeLessThan(500);
          // serverless-offline logs the function each request was routed to; its output is a
          // pipe of its own, so the line can arrive just after the response.
          await vi.waitFor(() =>
            expect(api.output()).toContain(`${method} ${concrete} (λ: ${functionName})`),
          );
        }),
      );
    }
    expect(results).toHaveLength(routes.length);
  }, 180_000);
});

describe('shutdown', () => {
  it('stops serverless-offline and the database on SIGTERM and exits 0', async () => {
    const code = await api.stop();
    expect(code).toBe(0);
    expect(api.output()).toContain('Stopped');
    await expect(fetch(`${api.baseUrl}/health`)).rejects.toThrow();
  });
});
