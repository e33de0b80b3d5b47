import { ObjectId } from 'mongodb';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { RouteSpecSchema } from '#lib/http/route-spec-schema.ts';
import { httpEvent, lambdaContext } from '#test/integration/api/support/events.ts';

// The chain reads its config at creation; no database is used by these routes.
let http: typeof import('#lib/http/index.ts');
beforeAll(async () => {
  process.env.MONGODB_URI = 'mongodb://127.0.0.1:1/?directConnection=true';
  process.env.MONGODB_DB = 'unit';
  process.env.MONGODB_TIMEOUT_MARGIN_MS = '200';
  vi.resetModules();
  http = await import('#lib/http/index.ts');
});

describe('httpHandler', () => {
  it('serialises the route result under the one policy', async () => {
    const id = new ObjectId();
    const handler = http.httpHandler({ database: false }, async () =>
      http.json(200, { _id: id, at: new Date(0) }),
    );
    const result = await handler(httpEvent({ path: '/x' }), lambdaContext());
    expect(result).toEqual({
      statusCode: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ _id: id.toHexString(), at: '1970-01-01T00:00:00.000Z' }),
    });
  });

  it('turns a thrown ApiError into problem+json', async () => {
    const handler = http.httpHandler({ database: false }, async () => {
      throw new http.ApiError(404, 'No such thing', { type: 'not-found' });
    });
    const result = await handler(httpEvent({ path: '/things/1' }), lambdaContext());
    expect(result.statusCode).toBe(404);
    expect(JSON.parse(result.body ?? '')).toMatchObject({
      type: '/problems/not-found',
      instance: '/things/1',
      requestId: expect.stringMatching(/^aws-/),
    });
  });

  it('a 500 tells nothing of its cause but the request id its logged error carries', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const handler = http.httpHandler({ database: false }, async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:27017');
    });
    const context = lambdaContext();
    const result = await handler(httpEvent({ path: '/things/1' }), context);
    const problem = JSON.parse(result.body ?? '');
    expect(problem).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'Internal Server Error',
      instance: '/things/1',
      requestId: context.awsRequestId,
    });
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.message === 'Request failed');
    expect(logged).toMatchObject({
      requestId: problem.requestId,
      errorMessage: expect.stringMatching(/ECONNREFUSED/),
    });
    vi.restoreAllMocks();
  });

  it('answers 503 before the Lambda timeout when the route is too slow', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const handler = http.httpHandler({ database: false }, () => new Promise(() => {}));
    const started = Date.now();
    const result = await handler(httpEvent({ path: '/slow' }), lambdaContext(400));
    expect(Date.now() - started).toBeLessThan(400);
    expect(result.statusCode).toBe(503);
    expect(result.headers).toMatchObject({ 'Retry-After': '5' });
    expect(JSON.parse(result.body ?? '')).toMatchObject({ type: '/problems/timeout' });
    vi.restoreAllMocks();
  });

  // Checked by RouteSpecSchema in a unit test over every route, no longer at each cold start.
  it('rejects unknown keys in the route spec', () => {
    expect(() => RouteSpecSchema.parse({ body: z.object({}), headers: z.object({}) })).toThrow(
      /headers/,
    );
  });

  it('refuses at creation an idempotent spec without its option, and the reverse', () => {
    const route = async () => http.json(201, {});
    const idempotency = async (_: unknown, work: () => Promise<ReturnType<typeof http.json>>) =>
      work();
    expect(() => http.httpHandler({ idempotent: true }, route)).toThrow(/idempotent route/);
    expect(() => http.httpHandler({}, route, { idempotency })).toThrow(/idempotent route/);
    expect(() =>
      http.httpHandler({ idempotent: true, database: false }, route, { idempotency }),
    ).toThrow(/idempotent route/);
    expect(() => http.httpHandler({ idempotent: true }, route, { idempotency })).not.toThrow();
    const typo = { idempotency, idempotant: true } as { idempotency: typeof idempotency };
    expect(() => http.httpHandler({ idempotent: true }, route, typo)).toThrow(
      'unknown httpHandler options: idempotant',
    );
  });
});
