import { describe, expect, it } from 'vitest';
import { POLLUTING_BODIES } from './support/hostile.ts';
import { expectCleanProblem } from './support/problem.ts';
import { BODY_ROUTES, type RouteCase } from './support/routes.ts';
import { useSecureApi } from './support/secure-api.ts';

// Malformed, mistyped, oversized and pathological bodies on every route that takes one: each
// answers 4xx problem+json quickly, and nothing reaches the database.
const LIMIT = 2_000_000;
const api = useSecureApi('sec_malformed', { HTTP_MAX_BODY_BYTES: String(LIMIT) });
/** Pathological bodies must be refused within this (parse + checks, no database). */
const BOUNDED_MS = 2_000;

const send = (
  route: RouteCase,
  body: string,
  extra: { headers?: Record<string, string>; isBase64Encoded?: boolean } = {},
) => {
  const id = route.id ? api.ids[route.id] : undefined;
  return api.api.call(route.name, {
    path: id ? route.path.replace('{id}', id) : route.path,
    ...(id ? { pathParameters: { id } } : {}),
    headers: { 'content-type': 'application/json', ...extra.headers },
    body,
    ...(extra.isBase64Encoded ? { isBase64Encoded: true } : {}),
  });
};
const timed = async <T>(run: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await run();
  expect(performance.now() - started).toBeLessThan(BOUNDED_MS);
  return result;
};
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const manyKeys = (count: number) =>
  `{${Array.from({ length: count }, (_, i) => `"k${i}":${i}`).join(',')}}`;
const dataCommands = () =>
  api.commands.names().filter((n) => !['endSessions', 'hello', 'isMaster', 'ping'].includes(n));

describe.each(BODY_ROUTES)('$name', (route) => {
  it('answers 400 for malformed JSON and an empty body', async () => {
    for (const body of ['{', '{"name":', "{'name':'x'}", '{"a":1,}', 'NaN', '\u0000', '']) {
      const answer = await send(route, body);
      expectCleanProblem(answer, 400);
      expect(answer.body.type).toBe('/problems/malformed-json');
    }
  });

  it('answers 415 without or with the wrong Content-Type', async () => {
    const id = route.id ? api.ids[route.id] : undefined;
    const body = JSON.stringify(route.body?.(api.ids));
    for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'json']) {
      const answer = await api.api.call(route.name, {
        path: id ? route.path.replace('{id}', id) : route.path,
        ...(id ? { pathParameters: { id } } : {}),
        headers: type ? { 'content-type': type } : {},
        body,
      });
      expectCleanProblem(answer, 415);
    }
  });

  it('answers 413 over HTTP_MAX_BODY_BYTES, counted after base64 decoding', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(LIMIT) });
    expectCleanProblem(await timed(() => send(route, big)), 413);
    const encoded = Buffer.from(big).toString('base64');
    expectCleanProblem(await timed(() => send(route, encoded, { isBase64Encoded: true })), 413);
  });

  it('refuses very deep nesting and 100,000 keys in bounded time', async () => {
    for (const body of [nested(10_000), `${'['.repeat(100_000)}${']'.repeat(100_000)}`]) {
      expectCleanProblem(await timed(() => send(route, body)), [400, 413, 422]);
    }
    expectCleanProblem(await timed(() => send(route, manyKeys(100_000))), [413, 422]);
    expect(dataCommands()).toEqual([]);
  });

  it('refuses NUL bytes and invalid UTF-8 (base64 bodies)', async () => {
    const json = JSON.stringify(route.body?.(api.ids));
    const withNul = json.replace(/"([^"]+)"/, '"$1\\u0000"');
    expectCleanProblem(await timed(() => send(route, withNul)), [400, 422]);
    const rawNul = Buffer.concat([
      Buffer.from(json.slice(0, -1)),
      Buffer.from([0]),
      Buffer.from('}'),
    ]);
    expectCleanProblem(
      await send(route, rawNul.toString('base64'), { isBase64Encoded: true }),
      400,
    );
    for (const bad of [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]]) {
      const bytes = Buffer.concat([Buffer.from('{"name":"'), Buffer.from(bad), Buffer.from('"}')]);
      const answer = await send(route, bytes.toString('base64'), { isBase64Encoded: true });
      expectCleanProblem(answer, 400);
    }
    expectCleanProblem(await send(route, '!!not base64!!', { isBase64Encoded: true }), 400);
    expect(dataCommands()).toEqual([]);
  });

  it('refuses prototype-polluting keys before any model code sees them', async () => {
    for (const body of POLLUTING_BODIES) {
      expectCleanProblem(await send(route, body), 422);
    }
    expect(dataCommands()).toEqual([]);
  });
});
