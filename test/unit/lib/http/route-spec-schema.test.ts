import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ROUTES } from '#lib/catalog/routes.ts';
import { RouteSpecSchema } from '#lib/http/route-spec-schema.ts';

// httpHandler no longer parses its spec at each cold start; every route is checked here instead.
describe('route specs', () => {
  it.each(ROUTES.map((spec) => [spec.doc?.operationId ?? '(no doc)', spec] as const))(
    '%s has the RouteSpec shape',
    (_name, spec) => {
      expect(() => RouteSpecSchema.parse(spec)).not.toThrow();
    },
  );

  it('every POST route of the API takes Idempotency-Key (README, "Safe retries")', () => {
    const posts = ROUTES.filter((spec) => spec.doc?.method === 'POST');
    expect(posts.length).toBeGreaterThan(0);
    expect(posts.filter((spec) => spec.idempotent !== true).map((s) => s.doc?.path)).toEqual([]);
  });

  it('refuses a POST route that does not say whether it is idempotent', () => {
    const post = {
      method: 'POST',
      path: '/notes',
      operationId: 'createNote',
      summary: 'x',
      responses: {},
    } as const;
    expect(() => RouteSpecSchema.parse({ doc: post })).toThrow(/idempotent/);
    expect(() => RouteSpecSchema.parse({ doc: post, idempotent: false })).not.toThrow();
    expect(() => RouteSpecSchema.parse({ doc: { ...post, method: 'PUT' } })).not.toThrow();
  });

  it('refuses a spec with an unknown key or a malformed doc', () => {
    expect(() => RouteSpecSchema.parse({ params: z.object({}), extra: true })).toThrow();
    expect(() =>
      RouteSpecSchema.parse({
        doc: { method: 'GET', path: 'no-slash', operationId: 'x', summary: 'x', responses: {} },
      }),
    ).toThrow();
  });
});
