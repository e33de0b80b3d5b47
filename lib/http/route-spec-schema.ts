import * as z from 'zod';

/**
 * The shape of a RouteSpec, checked by a unit test over every route (test/unit/lib/http/
 * route-spec-schema.test.ts) rather than at each cold start: the RouteSpec type already checks
 * it at compile time, and building and running these schemas at module init cost cold-start time.
 */
export const RouteDocSchema = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: z.string().startsWith('/'),
  operationId: z.string().regex(/^[a-zA-Z][\w]*$/),
  summary: z.string().min(1),
  tags: z.array(z.string()).optional(),
  errors: z.array(z.int().min(400).max(599)).optional(),
  responses: z.record(
    z.string(),
    z.strictObject({
      description: z.string(),
      schema: z
        .union([
          z.instanceof(z.ZodType),
          z.record(z.string(), z.unknown()),
          z.custom<() => unknown>(
            (v) => typeof v === 'function',
            'a function returning the schema',
          ),
        ])
        .optional(),
      headers: z.record(z.string(), z.string()).optional(),
    }),
  ),
});

export const RouteSpecSchema = z.strictObject({
  params: z.instanceof(z.ZodType).optional(),
  query: z.instanceof(z.ZodType).optional(),
  body: z.instanceof(z.ZodType).optional(),
  database: z.boolean().optional(),
  access: z.enum(['public', 'read', 'write']).optional(),
  doc: RouteDocSchema.optional(),
});
