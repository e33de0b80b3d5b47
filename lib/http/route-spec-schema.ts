import * as z from 'zod/mini';
import { $ZodType } from 'zod/v4/core';

/**
 * The shape of a RouteSpec, checked by a unit test over every route (test/unit/lib/http/
 * route-spec-schema.test.ts) rather than at each cold start: the RouteSpec type already checks
 * it at compile time, and building and running these schemas at module init cost cold-start time.
 */
const text = () => z.string();
/** Any zod 4 schema: core's $ZodType matches classic and mini schemas (by zod's traits). */
const zodSchema = () => z.instanceof($ZodType);

export const RouteDocSchema = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: text().check(z.startsWith('/')),
  operationId: text().check(z.regex(/^[a-zA-Z][\w]*$/)),
  summary: text().check(z.minLength(1)),
  tags: z.optional(z.array(text())),
  errors: z.optional(z.array(z.int().check(z.minimum(400), z.maximum(599)))),
  conditional: z.optional(z.enum(['read', 'write', 'upsert'])),
  responses: z.record(
    text(),
    z.strictObject({
      description: text(),
      schema: z.optional(
        z.union([
          zodSchema(),
          z.record(text(), z.unknown()),
          z.custom<() => unknown>(
            (v) => typeof v === 'function',
            'a function returning the schema',
          ),
        ]),
      ),
      headers: z.optional(z.record(text(), text())),
    }),
  ),
});

/**
 * A POST route says whether it takes `Idempotency-Key` (lib/idempotency): `true` for a create,
 * whose retry must not create twice; `false` only for a POST that creates nothing. Left out, a
 * new create route would silently ignore the header every other POST honours.
 */
export const RouteSpecSchema = z
  .strictObject({
    params: z.optional(zodSchema()),
    query: z.optional(zodSchema()),
    body: z.optional(zodSchema()),
    database: z.optional(z.boolean()),
    access: z.optional(z.enum(['public', 'read', 'write'])),
    doc: z.optional(RouteDocSchema),
    idempotent: z.optional(z.boolean()),
  })
  .check(
    z.refine((spec) => spec.doc?.method !== 'POST' || spec.idempotent !== undefined, {
      message: 'a POST route sets `idempotent` (true: it takes Idempotency-Key)',
      path: ['idempotent'],
    }),
  );
