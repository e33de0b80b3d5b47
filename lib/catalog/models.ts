import { Authors } from '#lib/authors/model.ts';
import { Books } from '#lib/books/model.ts';
import { IdempotencyKeys } from '#lib/idempotency/model.ts';
import { Users } from '#lib/users/model.ts';

/**
 * Every model of the API: what the migration creates validators and indexes for (the
 * idempotency keys' TTL index among them).
 */
export const MODELS = Object.freeze([Users, Authors, Books, IdempotencyKeys]);
