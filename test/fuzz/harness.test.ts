import { describe, expect, it } from 'vitest';
import type { Answer } from '#test/integration/api/support/invoke.ts';
import type { Library } from '#test/integration/api/support/library.ts';
import { fuzzRoute } from './support/fuzz-route.ts';

// The fuzz harness itself can fail: a route that answers 500 to some inputs is caught, and the
// failure names fast-check's seed for replay (what `npm run fuzz` relies on).
const ids = { author: '0'.repeat(24), book: '1'.repeat(24), user: '2'.repeat(24) };
const fake = (answer: (body: string | undefined) => Answer): Library =>
  ({ raw: async (_route: string, input: { body?: string }) => answer(input.body) }) as never;
const answer = (status: number, body: object, type = 'application/problem+json'): Answer => ({
  status,
  headers: { 'content-type': type },
  body,
  raw: { statusCode: status, body: JSON.stringify(body) },
});

describe('fuzzRoute', () => {
  it('reports a 5xx with the seed that reproduces it', async () => {
    const flaky = fake((body) =>
      body?.includes('"title"') ? answer(500, { status: 500 }) : answer(422, { status: 422 }),
    );
    const failure = await fuzzRoute(flaky, ids, {
      name: 'createBook',
      path: '/books',
      body: 'book',
    }).catch((e: Error) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(String((failure as Error).message)).toMatch(/seed: -?\d+/);
  });

  it('reports a problem answer that leaks a driver error', async () => {
    const leaky = fake(() => answer(400, { status: 400, detail: 'MongoServerError: E11000' }));
    await expect(fuzzRoute(leaky, ids, { name: 'listBooks', path: '/books' })).rejects.toThrow(
      /seed/,
    );
  });
});
