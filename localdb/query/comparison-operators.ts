import { evalExpr } from 'mingo/core';
import {
  $cmp as mingoCmp,
  $eq as mingoEq,
  $gt as mingoGt,
  $gte as mingoGte,
  $in as mingoIn,
  $indexOfArray as mingoIndexOfArray,
  $lt as mingoLt,
  $lte as mingoLte,
  $ne as mingoNe,
} from 'mingo/operators/expression';
import type { AnyObject, Options } from 'mingo/types';
import { collationOf } from './collation.ts';
import { toView } from './view.ts';

/**
 * Comparison expressions as mongod computes them: a missing field is not null. In queries
 * `{ a: null }` matches a missing `a`, but in expressions (`$expr`, `$project`...) missing sorts
 * before null, so `{ $eq: ['$deletedAt', null] }` is false where `deletedAt` is absent. mingo
 * took the two as equal. Under a collation two strings compare in its order (`$eq` of 'Ada' and
 * 'ADA' is true at strength 2), and strings inside arrays and documents compare folded: the
 * pipeline's documents keep their case (stage-fixes.ts, `$match`).
 */
type Expression = (obj: AnyObject, expr: unknown, options: Options) => unknown;

/** -1 or 1 when one operand is missing and the other null; undefined otherwise. */
function missingAgainstNull(a: unknown, b: unknown): -1 | 1 | undefined {
  if (a === undefined && b === null) return -1;
  if (a === null && b === undefined) return 1;
  return undefined;
}

const comparison =
  (mingo: Expression, fromOrder: (order: number) => unknown): Expression =>
  (obj, expr, options) => {
    if (Array.isArray(expr) && expr.length === 2) {
      const [a, b] = expr.map((arg) => evalExpr(obj, arg, options) as unknown);
      const order = missingAgainstNull(a, b);
      if (order !== undefined) return fromOrder(order);
      const collation = collationOf(options.collation);
      if (collation && typeof a === 'string' && typeof b === 'string')
        return fromOrder(collation.compare(a, b));
      const [x, y] = collation?.fold
        ? [toView(a, collation.fold), toView(b, collation.fold)]
        : [a, b];
      return mingo(obj, [{ $literal: x }, { $literal: y }], options);
    }
    return mingo(obj, expr, options);
  };

export const $eq = comparison(mingoEq as Expression, (order) => order === 0);
export const $ne = comparison(mingoNe as Expression, (order) => order !== 0);
export const $cmp = comparison(mingoCmp as Expression, (order) => Math.sign(order));
export const $lt = comparison(mingoLt as Expression, (order) => order < 0);
export const $lte = comparison(mingoLte as Expression, (order) => order <= 0);
export const $gt = comparison(mingoGt as Expression, (order) => order > 0);
export const $gte = comparison(mingoGte as Expression, (order) => order >= 0);

/** `$in` and `$indexOfArray` with their operands folded under a collation, as the above. */
const folding =
  (mingo: Expression): Expression =>
  (obj, expr, options) => {
    const fold = collationOf(options.collation)?.fold;
    if (!fold || !Array.isArray(expr)) return mingo(obj, expr, options);
    const args = expr.map((arg) => ({
      $literal: toView(evalExpr(obj, arg, options), fold),
    }));
    return mingo(obj, args, options);
  };

export const $in = folding(mingoIn as Expression);
export const $indexOfArray = folding(mingoIndexOfArray as Expression);
