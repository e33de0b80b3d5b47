import type { Document } from 'bson';
import { TypeRank, toNumber, typeRank } from '../query/bson-type.ts';
import { compareBson } from '../query/compare.ts';
import { isPlainObject } from '../query/paths.ts';
import type { KeyBound } from './ordered-entries.ts';

/** Value-order bounds on one field (before the index direction is applied). */
interface FieldRange {
  readonly eq?: unknown;
  readonly low?: KeyBound['values'][number];
  readonly lowInclusive?: boolean;
  readonly high?: unknown;
  readonly highInclusive?: boolean;
}

/**
 * Types whose comparison operators match exactly the same-typed values above/below in BSON order
 * (so a bound never drops a match); null, arrays, objects and regexes have wider semantics.
 */
const BOUNDABLE = new Set<number>([
  TypeRank.Number,
  TypeRank.String,
  TypeRank.ObjectId,
  TypeRank.Boolean,
  TypeRank.Date,
]);

const boundable = (v: unknown): boolean =>
  BOUNDABLE.has(typeRank(v)) && !(typeRank(v) === TypeRank.Number && Number.isNaN(toNumber(v)));

/** The range a field's condition confines matches to; undefined when it does not confine them. */
function fieldRange(condition: unknown): FieldRange | undefined {
  if (condition === undefined) return undefined;
  if (!isPlainObject(condition) || !Object.keys(condition).some((k) => k.startsWith('$')))
    return boundable(condition) ? { eq: condition } : undefined;
  if ('$eq' in condition) return boundable(condition.$eq) ? { eq: condition.$eq } : undefined;
  let range: FieldRange | undefined;
  for (const [op, inclusive] of [
    ['$gt', false],
    ['$gte', true],
  ] as const) {
    const v = condition[op];
    if (v !== undefined && boundable(v)) range = { ...range, low: v, lowInclusive: inclusive };
  }
  for (const [op, inclusive] of [
    ['$lt', false],
    ['$lte', true],
  ] as const) {
    const v = condition[op];
    if (v !== undefined && boundable(v)) range = { ...range, high: v, highInclusive: inclusive };
  }
  return range;
}

/** The smallest range holding every branch of an `$or` (undefined sides when one is open). */
function hull(branches: readonly (FieldRange | undefined)[]): FieldRange | undefined {
  const lows: [unknown, boolean][] = [];
  const highs: [unknown, boolean][] = [];
  for (const b of branches) {
    if (!b) return undefined;
    lows.push('eq' in b ? [b.eq, true] : [b.low, b.lowInclusive ?? false]);
    highs.push('eq' in b ? [b.eq, true] : [b.high, b.highInclusive ?? false]);
  }
  const pick = (sides: [unknown, boolean][], sign: number): [unknown, boolean] | undefined => {
    if (sides.some(([v]) => v === undefined)) return undefined;
    return sides.reduce((best, side) => {
      const d = compareBson(side[0], best[0]) * sign;
      return d < 0 ? side : d === 0 ? [best[0], best[1] || side[1]] : best;
    });
  };
  const low = pick(lows, 1);
  const high = pick(highs, -1);
  if (!low && !high) return undefined;
  return {
    ...(low ? { low: low[0], lowInclusive: low[1] } : {}),
    ...(high ? { high: high[0], highInclusive: high[1] } : {}),
  };
}

function rangeOf(filter: Document, field: string): FieldRange | undefined {
  const own = fieldRange(filter[field]);
  if (own) return own;
  // Every match satisfies each `$and` branch, so any branch's range bounds them all (the API's
  // keyset pages send `{ $and: [filter, { _id: { $gt: cursor } }] }`).
  if (Array.isArray(filter.$and)) {
    for (const branch of filter.$and) {
      const range = isPlainObject(branch) ? rangeOf(branch, field) : undefined;
      if (range) return range;
    }
  }
  if (!Array.isArray(filter.$or) || filter.$or.length === 0) return undefined;
  return hull(
    filter.$or.map((branch: unknown) =>
      isPlainObject(branch) ? rangeOf(branch, field) : undefined,
    ),
  );
}

/**
 * Index-order bounds for a filter on an index's fields: equalities on leading fields, then a range
 * on the next one (`$and` branches searched, `$or` branches widened to their hull). Only a superset of the matches: the
 * caller still runs the whole filter on every entry it walks.
 */
export function keyBounds(
  filter: Document,
  fields: readonly string[],
  directions: readonly number[],
): { lower?: KeyBound; upper?: KeyBound } {
  const lower: unknown[] = [];
  const upper: unknown[] = [];
  let lowerInclusive = true;
  let upperInclusive = true;
  for (let i = 0; i < fields.length; i++) {
    const range = rangeOf(filter, fields[i] as string);
    if (!range) break;
    if ('eq' in range) {
      lower.push(range.eq);
      upper.push(range.eq);
      continue;
    }
    const [low, lowInc, high, highInc] =
      (directions[i] ?? 1) > 0
        ? [range.low, range.lowInclusive, range.high, range.highInclusive]
        : [range.high, range.highInclusive, range.low, range.lowInclusive];
    if (low !== undefined) {
      lower.push(low);
      lowerInclusive = lowInc ?? false;
    }
    if (high !== undefined) {
      upper.push(high);
      upperInclusive = highInc ?? false;
    }
    break;
  }
  return {
    ...(lower.length ? { lower: { values: lower, inclusive: lowerInclusive } } : {}),
    ...(upper.length ? { upper: { values: upper, inclusive: upperInclusive } } : {}),
  };
}
