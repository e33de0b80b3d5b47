import * as z from 'zod/mini';
import { FIELD_ERRORS_SCHEMA } from '#lib/openapi/problem.ts';

/** POST /books/bulk: the request body and the report it answers. */
export const BULK_MAX = 100;
export const BulkBooksBody = z.strictObject({
  books: z.array(z.unknown()).check(z.minLength(1), z.maxLength(BULK_MAX)),
  /** Ordered (default) stops at the first failing item; unordered stores every valid one. */
  ordered: z._default(z.boolean(), true),
});

const problemLike = {
  type: 'object',
  required: ['index', 'status'],
  properties: {
    index: { type: 'integer', minimum: 0 },
    status: { type: 'integer', enum: [201, 409, 422, 424, 500] },
    _id: { type: 'string', pattern: '^[0-9a-fA-F]{24}$' },
    type: { type: 'string' },
    detail: { type: 'string' },
    errors: FIELD_ERRORS_SCHEMA,
  },
};
/** The per-item report POST /books/bulk answers (OpenAPI). */
export const BULK_REPORT_SCHEMA = {
  type: 'object',
  required: ['ordered', 'inserted', 'failed', 'items'],
  properties: {
    ordered: { type: 'boolean' },
    inserted: { type: 'integer', minimum: 0 },
    failed: { type: 'integer', minimum: 0 },
    items: { type: 'array', items: problemLike },
  },
};
