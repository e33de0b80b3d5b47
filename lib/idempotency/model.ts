import * as z from 'zod/mini';
import { date, model } from '#lib/model/index.ts';

/** What a replay answers: the first answer's status, headers and body (BSON keeps its types). */
const StoredResponse = z.strictObject({
  statusCode: z.int().check(z.minimum(200), z.maximum(299)),
  headers: z.record(z.string(), z.string()),
  body: z.optional(z.unknown()),
});

/**
 * One `Idempotency-Key` a client sent to one route: claimed while the first request runs
 * (`in-progress`, until `lockedUntil`), then `completed` with its answer until `expiresAt`.
 */
export const IdempotencyRecordSchema = z.strictObject({
  /** SHA-256 (hex) of the caller, the route and the client's key. */
  key: z.string().check(z.length(64)),
  /** SHA-256 (hex) of the request's path, query and body: the same key must carry the same. */
  fingerprint: z.string().check(z.length(64)),
  status: z.enum(['in-progress', 'completed']),
  lockedUntil: date(),
  expiresAt: date(),
  response: z.optional(StoredResponse),
});
export type IdempotencyRecord = z.output<typeof IdempotencyRecordSchema>;

export const IdempotencyKeys = model({
  name: 'idempotency key',
  collection: 'idempotency_keys',
  schema: IdempotencyRecordSchema,
  indexes: [
    { key: { key: 1 }, name: 'key_unique', unique: true },
    // MongoDB's TTL monitor removes a record once its expiresAt has passed (within ~60 s).
    { key: { expiresAt: 1 }, name: 'expires', expireAfterSeconds: 0 },
  ],
});
