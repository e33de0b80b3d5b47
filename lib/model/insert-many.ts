import {
  type Document,
  MongoBulkWriteError,
  MongoServerError,
  ObjectId,
  type OptionalUnlessRequiredId,
} from 'mongodb';
import type * as z from 'zod/v4/core';
import { ApiError, type FieldError } from '#lib/http/errors.ts';
import { mapMongoError } from '#lib/http/mongo-error-mapping.ts';
import { insertOptions, type Runner } from './runner.ts';
import type { ObjectSchema } from './types.ts';

/** One item of a bulk insert: its own HTTP-like status and, when it failed, why. */
export interface ItemResult {
  readonly index: number;
  /** 201 inserted, 409 duplicate key, 422 invalid, 424 not attempted (ordered, after a failure). */
  readonly status: 201 | 409 | 422 | 424 | 500;
  readonly _id?: ObjectId;
  readonly type?: string;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
}

export interface InsertManyReport {
  readonly ordered: boolean;
  readonly inserted: number;
  readonly failed: number;
  readonly items: readonly ItemResult[];
}

const NOT_ATTEMPTED: Omit<ItemResult, 'index'> = Object.freeze({
  status: 424,
  type: '/problems/not-attempted',
  detail: 'Not attempted: an earlier item of this ordered batch failed',
});

function fromError(error: unknown): Omit<ItemResult, 'index'> {
  const api = error instanceof ApiError ? error : mapMongoError(error);
  if (!api || api.statusCode >= 500) return { status: 500, detail: 'The item could not be stored' };
  return {
    status: api.statusCode as ItemResult['status'],
    type: `/problems/${api.type}`,
    detail: api.message,
    ...(api.errors ? { errors: api.errors } : {}),
  };
}

/**
 * insert_many with a per-item report. Every item is validated first (422 with pointers under
 * `/body/<index>`); ordered batches stop at the first failure (later items: 424), unordered
 * ones store every valid item and report each server-side failure (duplicate key → 409,
 * collection validator → 422) at its own index.
 */
export async function insertManyReport<T extends Document, S extends ObjectSchema>(
  runner: Runner<T>,
  prepare: (input: z.input<S>, base: string) => T,
  inputs: readonly z.input<S>[],
  ordered: boolean,
): Promise<InsertManyReport> {
  const results = new Map<number, Omit<ItemResult, 'index'>>();
  const batch: { index: number; doc: Document }[] = [];
  for (const [index, input] of inputs.entries()) {
    if (ordered && results.size > 0) {
      results.set(index, NOT_ATTEMPTED);
      continue;
    }
    try {
      batch.push({ index, doc: { _id: new ObjectId(), ...prepare(input, `/body/${index}`) } });
    } catch (error) {
      results.set(index, fromError(error));
    }
  }
  if (batch.length > 0) {
    const failedAt = new Map<number, unknown>();
    try {
      await runner.run((c, op) =>
        c.insertMany(batch.map((b) => b.doc) as OptionalUnlessRequiredId<T>[], {
          ...insertOptions(op),
          ordered,
        }),
      );
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const writeErrors = Array.isArray(error.writeErrors)
        ? error.writeErrors
        : [error.writeErrors];
      for (const w of writeErrors) {
        // The raw write error keeps keyPattern/keyValue, which name the duplicate field.
        failedAt.set(
          w.index,
          new MongoServerError({ ...(w.err as Document), message: w.errmsg ?? '' }),
        );
      }
    }
    const firstFailure = Math.min(...failedAt.keys());
    for (const [position, { index, doc }] of batch.entries()) {
      const failure = failedAt.get(position);
      if (failure !== undefined) results.set(index, fromError(failure));
      else if (ordered && position > firstFailure) results.set(index, NOT_ATTEMPTED);
      else results.set(index, { status: 201, _id: doc._id as ObjectId });
    }
  }
  const items = inputs.map((_, index) => ({ index, ...(results.get(index) ?? NOT_ATTEMPTED) }));
  const inserted = items.filter((i) => i.status === 201).length;
  return { ordered, inserted, failed: items.length - inserted, items };
}
