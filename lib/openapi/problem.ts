/** JSON Schema of a problem's `errors`: one JSON pointer and its detail per failing field. */
export const FIELD_ERRORS_SCHEMA = Object.freeze({
  type: 'array',
  items: Object.freeze({
    type: 'object',
    required: ['pointer', 'detail'],
    additionalProperties: false,
    properties: { pointer: { type: 'string' }, detail: { type: 'string' } },
  }),
});

/** JSON Schema of the RFC 9457 problem answers of lib/http (problem.ts). */
export const PROBLEM_SCHEMA = Object.freeze({
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'instance'],
  additionalProperties: false,
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: FIELD_ERRORS_SCHEMA,
    requestId: { type: 'string', description: 'The invocation id its log lines carry' },
  },
});

/** Which error answers a route can give, from what its spec validates. */
export function errorStatuses(spec: {
  params?: unknown;
  query?: unknown;
  body?: unknown;
  database?: boolean;
  doc?: {
    method?: string;
    errors?: readonly number[];
    conditional?: 'read' | 'write' | 'upsert';
  };
  idempotent?: boolean;
}): number[] {
  const statuses = new Set<number>([500, ...(spec.doc?.errors ?? [])]);
  // A precondition the document no longer meets; a malformed header is a 400.
  if (spec.doc?.conditional === 'write' || spec.doc?.conditional === 'upsert')
    statuses.add(400).add(412);
  // Every GET reads If-None-Match (a version, or the answer's content tag): malformed, a 400.
  if (spec.doc?.conditional === 'read' || spec.doc?.method === 'GET') statuses.add(400);
  // Idempotency-Key: malformed 400, still in progress 409, reused with another request 422.
  if (spec.idempotent) statuses.add(400).add(409).add(422);
  if (spec.params) statuses.add(400).add(404);
  // List queries: 422 invalid, 400 forged cursor, 404 past the last page.
  if (spec.query) statuses.add(400).add(404).add(422);
  if (spec.body) statuses.add(400).add(409).add(413).add(415).add(422);
  if (spec.database ?? true) statuses.add(503);
  return [...statuses].sort((a, b) => a - b);
}
