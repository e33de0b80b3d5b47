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

  it('refuses a spec with an unknown key or a malformed doc', () => {
    expect(() => RouteSpecSchema.parse({ params: z.object({}), extra: true })).toThrow();
    expect(() =>
      RouteSpecSchema.parse({
        doc: { method: 'GET', path: 'no-slash', operationId: 'x', summary: 'x', responses: {} },
      }),
    ).toThrow();
  });
});
