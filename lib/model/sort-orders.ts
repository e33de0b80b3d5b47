import type { IndexDescription } from 'mongodb';
import type * as z from 'zod/v4/core';
import type { KeysetSort, ObjectSchema } from './types.ts';

/** A model's `?sort=` tokens: `field` ascending, `-field` descending (JSON:API's form). */
export type SortOrders = Readonly<Record<string, KeysetSort>>;

interface SortSource {
  readonly name: string;
  readonly schema: ObjectSchema;
  readonly timestamps: boolean;
  readonly keyset: KeysetSort;
  readonly sortable: readonly string[];
  readonly indexes: readonly IndexDescription[];
}

/** Wrappers that keep the stored value's kind: look through them. */
function storedKind(schema: z.$ZodType): string {
  const def = schema._zod.def as { type: string; innerType?: z.$ZodType; out?: z.$ZodType };
  if (['default', 'prefault', 'readonly', 'catch'].includes(def.type) && def.innerType)
    return storedKind(def.innerType);
  if (def.type === 'pipe' && def.out) return storedKind(def.out);
  return def.type;
}

const NOT_ORDERABLE = new Set(['optional', 'nullable', 'array', 'object', 'record', 'tuple']);

/**
 * Why a field cannot order keyset pages, or undefined. The `(field, _id)` boundary is compared
 * with `$gt`/`$lt`, which stay within one BSON type: a missing or null value would end the walk
 * there, an array sorts by one of its elements. Without an index every page sorts the whole
 * collection in memory (and past 100 MB fails on mongod).
 */
function unorderable(source: SortSource, field: string): string | undefined {
  if (field === '_id') return undefined;
  const stamped = source.timestamps && (field === 'createdAt' || field === 'updatedAt');
  if (!stamped) {
    const schema = (source.schema._zod.def.shape as Record<string, z.$ZodType | undefined>)[field];
    if (!schema) return 'is not a top-level field of the schema';
    if (schema._zod.optout === 'optional' || NOT_ORDERABLE.has(storedKind(schema)))
      return 'must be a required, non-null scalar';
  }
  const indexed = source.indexes.some((index) => Object.keys(index.key)[0] === field);
  return indexed ? undefined : `needs an index that starts with it, e.g. { ${field}: 1, _id: 1 }`;
}

/**
 * The orders a model's list routes may ask for: each `sortable` field both ways. Checked once,
 * at definition, so a model that cannot page by a field fails its cold start, not a request.
 */
export function sortOrders(source: SortSource): SortOrders {
  const orders: Record<string, KeysetSort> = {};
  for (const field of new Set([source.keyset.field, ...source.sortable])) {
    const why = unorderable(source, field);
    if (why) throw new Error(`model ${source.name}: cannot sort by ${field}: it ${why}`);
  }
  for (const field of source.sortable) {
    orders[field] = Object.freeze({ field, direction: 1 });
    orders[`-${field}`] = Object.freeze({ field, direction: -1 });
  }
  return Object.freeze(orders);
}

/** The order of a `?sort=` token, or the model's keyset order when there is none. */
export function orderOf(orders: SortOrders, fallback: KeysetSort, token?: string): KeysetSort {
  if (token === undefined) return fallback;
  const order = orders[token];
  if (!order) throw new Error(`no sort order ${token}: the route's query and model disagree`);
  return order;
}
