export { IDEMPOTENCY_TTL_MS, type IdempotentRequest, idempotent } from './idempotent.ts';
export { parseIdempotencyKey } from './key-header.ts';
export { IdempotencyKeys, type IdempotencyRecord, IdempotencyRecordSchema } from './model.ts';
