import type { MongoClient } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mintDevToken } from '#lib/auth/index.ts';
import { ROUTES } from '#lib/catalog/routes.ts';
import { DEFAULT_WRITE_SCOPE } from '#lib/config/index.ts';
import { openApiDocument } from '#lib/openapi/index.ts';
import { setupDatabase } from '#lib/setup/index.ts';
import { httpEvent } from '#test/integration/api/support/events.ts';
import { type Answer, invoke } from '#test/integration/api/support/invoke.ts';
import { type Library, loadLibrary } from '#test/integration/api/support/library.ts';
import { openApiConformance } from '#test/integration/api/support/openapi.ts';
import { restEvent } from '#test/integration/api/support/rest-events.ts';
import { connectTestClient, testMongoUri, uniqueDbName } from '#test/support/database.ts';
import { startTestIssuer, type TestIssuer } from './support/jwks-server.ts';
import { expectCleanProblem } from './support/problem.ts';
import { ROUTE_CASES } from './support/routes.ts';

// Writes need a bearer JWT with the write scope; reads are public unless AUTH_READS=token.
const dbName = uniqueDbName('sec_auth');
const AUTH_VARS = [
  'AUTH_MODE',
  'AUTH_READS',
  'AUTH_WRITE_SCOPE',
  'AUTH_ISSUER',
  'AUTH_AUDIENCE',
  'AUTH_JWKS_URL',
  'AUTH_DEV_SECRET',
  'AWS_EXECUTION_ENV',
  'IS_OFFLINE',
];
let client: MongoClient;
let api: Library;
let issuer: TestIssuer;
let authorId: string;

/** Cold-starts every handler with these access settings (all others unset). */
async function coldStart(env: Record<string, string> = {}) {
  await api?.mongo.resetMongoClient();
  api = await loadLibrary({
    MONGODB_URI: testMongoUri(),
    MONGODB_DB: dbName,
    MONGODB_URI_SSM_PARAMETER: undefined,
    ...Object.fromEntries(AUTH_VARS.map((k) => [k, undefined])),
    ...env,
  });
}

// Every 401/403 here must be an answer the OpenAPI document declares for its route, with the
// documented problem body (public reads by default; the AUTH_READS=token variant below).
const INFO = { title: 'auth test', version: '1' };
const conforms = {
  public: openApiConformance(openApiDocument(ROUTES, INFO)),
  token: openApiConformance(
    openApiDocument(ROUTES, INFO, { reads: 'token', writeScope: DEFAULT_WRITE_SCOPE }),
  ),
};
function expectDocumented(
  route: Parameters<Library['route']>[0],
  answer: Answer,
  reads: 'public' | 'token' = 'public',
) {
  expect(conforms[reads](api.route(route).doc, answer)).toBeNull();
}

const createAuthor = async (token: string | null, headers: Record<string, string> = {}) => {
  const answer = await api.raw('createAuthor', {
    path: '/authors',
    body: { name: 'A' },
    token,
    headers,
  });
  expectDocumented('createAuthor', answer);
  return answer;
};
const unauthorized = (answer: Answer, error?: string) => {
  expectCleanProblem(answer, 401);
  const challenge = answer.headers['www-authenticate'] ?? '';
  expect(challenge).toMatch(/^Bearer realm="api"/);
  if (error) expect(challenge).toContain(`error="${error}"`);
  else expect(challenge).not.toContain('error=');
};

beforeAll(async () => {
  client = await connectTestClient();
  await setupDatabase(client.db(dbName));
  issuer = await startTestIssuer('library-api');
  await coldStart();
  const answer = await api.call('createAuthor', { path: '/authors', body: { name: 'Seed' } });
  authorId = answer.body._id;
});
afterAll(async () => {
  await api?.mongo.resetMongoClient();
  for (const key of AUTH_VARS) delete process.env[key];
  await issuer?.close();
  await client?.db(dbName).dropDatabase();
  await client?.close();
});
beforeEach(() => {
  for (const m of ['log', 'error', 'warn'] as const)
    vi.spyOn(console, m).mockImplementation(() => {});
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  return () => vi.restoreAllMocks();
});

describe('development key (default settings)', () => {
  beforeAll(() => coldStart());

  it('answers 401 with a Bearer challenge on every write route without a token', async () => {
    const writes = ROUTE_CASES.filter((r) => api.route(r.name).doc.method !== 'GET');
    expect(writes.length).toBeGreaterThanOrEqual(10);
    const before = await client.db(dbName).collection('authors').countDocuments();
    for (const route of writes) {
      const path = route.path.replace('{id}', authorId);
      const answer = await api.raw(route.name, {
        path,
        pathParameters: { id: authorId },
        body: route.body?.({ author: authorId }) ?? {},
        token: null,
      });
      unauthorized(answer);
      expectDocumented(route.name, answer);
    }
    expect(await client.db(dbName).collection('authors').countDocuments()).toBe(before);
  });

  it('answers 401 invalid_token for garbage, wrongly signed, expired, foreign or unsigned tokens', async () => {
    const write = [DEFAULT_WRITE_SCOPE];
    const none = (await mintDevToken({ scopes: write })).split('.');
    const header = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url');
    const tokens = {
      garbage: 'not.a.jwt',
      otherKey: await mintDevToken({ scopes: write, secret: 'x'.repeat(40) }),
      expired: await mintDevToken({ scopes: write, expiresIn: '-10m' }),
      otherIssuer: await mintDevToken({ scopes: write, issuer: 'https://evil.example' }),
      otherAudience: await mintDevToken({ scopes: write, audience: 'another-api' }),
      algNone: `${header}.${none[1]}.`,
      rs256FromOtherIssuer: await issuer.sign({ scope: DEFAULT_WRITE_SCOPE }),
    };
    for (const [name, token] of Object.entries(tokens)) {
      const answer = await createAuthor(token);
      unauthorized(answer, 'invalid_token');
      if (name === 'expired') expect(answer.body.detail).toMatch(/expired/);
    }
  });

  it('answers 401 invalid_request for an Authorization header that is not a bearer token', async () => {
    for (const value of ['Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b', 'token abc']) {
      unauthorized(await createAuthor(null, { authorization: value }), 'invalid_request');
    }
  });

  it('answers 403 insufficient_scope for a valid token without the write scope', async () => {
    for (const scopes of [[], ['api/read'], ['api/write2'], ['API/WRITE']]) {
      const answer = await createAuthor(await mintDevToken({ scopes }));
      expectCleanProblem(answer, 403);
      expect(answer.headers['www-authenticate']).toBe(
        `Bearer realm="api", error="insufficient_scope", scope="${DEFAULT_WRITE_SCOPE}"`,
      );
    }
  });

  it('accepts the write scope among others, as `scope` or `scp`', async () => {
    expect(
      (await createAuthor(await mintDevToken({ scopes: ['a', DEFAULT_WRITE_SCOPE] }))).status,
    ).toBe(201);
  });

  it('keeps reads public', async () => {
    const answer = await api.raw('listAuthors', { path: '/authors', token: null });
    expect(answer.status).toBe(200);
  });
});

describe('AUTH_READS=token', () => {
  beforeAll(() => coldStart({ AUTH_READS: 'token' }));

  it('answers 401 to anonymous reads and serves any valid token, scope or not', async () => {
    const anonymous = await api.raw('listAuthors', { path: '/authors', token: null });
    unauthorized(anonymous);
    expectDocumented('listAuthors', anonymous, 'token');
    // Documented without a token only when reads need one.
    expect(conforms.public(api.route('listAuthors').doc, anonymous)).not.toBeNull();
    const reader = await mintDevToken({ scopes: [] });
    expect((await api.raw('listAuthors', { path: '/authors', token: reader })).status).toBe(200);
    const book = await api.raw('listBooks', { path: '/books', token: 'x.y.z' });
    unauthorized(book, 'invalid_token');
  });
});

describe('an issuer with a JWKS (AUTH_ISSUER)', () => {
  beforeAll(() => coldStart({ AUTH_ISSUER: issuer.issuer, AUTH_AUDIENCE: 'library-api' }));

  it('accepts its tokens and never the development key', async () => {
    const good = await issuer.sign({ scope: `openid ${DEFAULT_WRITE_SCOPE}` });
    expect((await createAuthor(good)).status).toBe(201);
    unauthorized(
      await createAuthor(await mintDevToken({ scopes: [DEFAULT_WRITE_SCOPE] })),
      'invalid_token',
    );
    unauthorized(
      await createAuthor(await issuer.sign({ scope: DEFAULT_WRITE_SCOPE }, { audience: 'x' })),
      'invalid_token',
    );
    const scoped = await issuer.sign({ scp: ['other'] });
    expectCleanProblem(await createAuthor(scoped), 403);
    expect(issuer.fetches()).toBe(1);
  });
});

describe('behind API Gateway (requestContext.authorizer.jwt)', () => {
  const gatewayCall = async (scopes: string[] | null) => {
    const event = httpEvent({ method: 'POST', path: '/authors', body: { name: 'G' }, token: null });
    const context = event.requestContext as unknown as Record<string, unknown>;
    context.authorizer = { jwt: { claims: { sub: 'gw-user', scope: 'x' }, scopes } };
    return invoke(api.route('createAuthor').handler, event);
  };

  it('in AWS Lambda, checks only the scopes API Gateway verified', async () => {
    await coldStart({
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      AUTH_ISSUER: issuer.issuer,
      AUTH_AUDIENCE: 'library-api',
    });
    expect((await gatewayCall([DEFAULT_WRITE_SCOPE])).status).toBe(201);
    expectCleanProblem(await gatewayCall(['api/read']), 403);
    expectCleanProblem(await gatewayCall(null), 403);
  });

  it("in AWS Lambda behind a REST API, verifies the token itself: the event's authorizer context opens nothing", async () => {
    await coldStart({
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      AUTH_ISSUER: issuer.issuer,
      AUTH_AUDIENCE: 'library-api',
    });
    const event = restEvent({
      method: 'POST',
      resource: '/authors',
      path: '/authors',
      body: { name: 'R' },
      token: null,
      requestContext: {
        authorizer: {
          jwt: { claims: { sub: 'gw-user' }, scopes: [DEFAULT_WRITE_SCOPE] },
          claims: { sub: 'gw-user', scope: DEFAULT_WRITE_SCOPE },
        },
      },
    });
    unauthorized(await invoke(api.route('createAuthor').handler, event));
  });

  it('offline, ignores a forged authorizer context and wants a real token', async () => {
    await coldStart({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', IS_OFFLINE: 'true' });
    unauthorized(await gatewayCall([DEFAULT_WRITE_SCOPE]));
  });

  it('refuses to cold-start in AWS Lambda without an issuer, or with AUTH_MODE=off', async () => {
    for (const env of [{}, { AUTH_MODE: 'off' }] as Record<string, string>[]) {
      await expect(
        coldStart({ AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x', ...env }),
      ).rejects.toThrow(/AUTH_(ISSUER|MODE)/);
    }
  });
});

describe('AUTH_MODE=off (local development)', () => {
  beforeAll(() => coldStart({ AUTH_MODE: 'off' }));

  it('lets anonymous writes through', async () => {
    expect((await createAuthor(null)).status).toBe(201);
  });
});
