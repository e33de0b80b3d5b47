import type { Document, Filter } from 'mongodb';
import type * as z from 'zod/v4/core';
import type { FieldError } from '#lib/http/errors.ts';
import { base } from './changes.ts';
import type { ObjectSchema } from './types.ts';

/**
 * What a partial update adds to its own filter so that it never takes a document past its
 * schema's bounds, which the request alone cannot know: a `$push` needs room in the array
 * (`maxLength`: the element at `max - 1` absent), an `$inc` room under the maximum or above the
 * minimum (`inc: { stock: -1 }` only while stock ≥ 1, the classic conditional decrement). Being
 * in the filter, the bound holds under concurrent writes too; the collection's validator would
 * only refuse the write with a bare 121, and without one the bound would not hold at all.
 * `errors`: the 422's field errors, when the bound is what kept the document from matching.
 */
export interface WriteRoom {
  readonly filter: Document;
  readonly errors: readonly FieldError[];
}

interface Check {
  readonly check: string;
  readonly maximum?: number;
  readonly value?: number;
  readonly inclusive?: boolean;
}

const checksOf = (schema: z.$ZodType): Check[] =>
  ((base(schema) as { checks?: readonly z.$ZodCheck[] }).checks ?? []).map(
    (c) => c._zod.def as Check,
  );

/** The tightest bound of one kind among a field's checks. */
function tightest(checks: readonly Check[], kind: 'greater_than' | 'less_than') {
  const bounds = checks.filter((c) => c.check === kind && typeof c.value === 'number');
  const sign = kind === 'less_than' ? 1 : -1;
  return bounds.sort((a, b) => sign * ((a.value as number) - (b.value as number)))[0];
}

export function writeRoom(schema: ObjectSchema, update: Document, base_ = '/body'): WriteRoom {
  const shape: Readonly<Record<string, z.$ZodType>> = schema._zod.def.shape;
  const filter: Document = {};
  const errors: FieldError[] = [];
  for (const key of Object.keys((update.$push as Document | undefined) ?? {})) {
    const limits = checksOf(shape[key] as z.$ZodType)
      .filter((c) => c.check === 'max_length' && typeof c.maximum === 'number')
      .map((c) => c.maximum as number);
    if (limits.length === 0) continue;
    const max = Math.min(...limits);
    filter[`${key}.${max - 1}`] = { $exists: false };
    errors.push({
      pointer: `${base_}/${key}`,
      detail: `already holds ${max} values, the most it can`,
    });
  }
  for (const [key, by] of Object.entries((update.$inc as Document | undefined) ?? {})) {
    const f = shape[key] as z.$ZodType;
    // A field that may be absent starts from 0, which its filter could not express simply.
    if (typeof by !== 'number' || by === 0 || f._zod.optout === 'optional') continue;
    const bound = tightest(checksOf(f), by > 0 ? 'less_than' : 'greater_than');
    if (!bound) continue;
    const limit = (bound.value as number) - by;
    const op = by > 0 ? (bound.inclusive ? '$lte' : '$lt') : bound.inclusive ? '$gte' : '$gt';
    filter[key] = { [op]: limit };
    const side = by > 0 ? 'above' : 'below';
    errors.push({ pointer: `${base_}/${key}`, detail: `would go ${side} ${bound.value}` });
  }
  return { filter, errors };
}

/** `filter` narrowed by the room's, side by side unless they name the same field. */
export function withRoom<T>(filter: Filter<T>, room: WriteRoom): Filter<T> {
  const keys = Object.keys(room.filter);
  if (keys.length === 0) return filter;
  const narrowed = keys.some((k) => k in filter)
    ? { $and: [filter, room.filter] }
    : { ...filter, ...room.filter };
  return narrowed as Filter<T>;
}
