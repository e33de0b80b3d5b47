import { evalExpr } from 'mingo/core';
import {
  $cmp as mingoCmp,
  $eq as mingoEq,
  $gt as mingoGt,
  $gte as mingoGte,
  $lt as mingoLt,
  $lte as mingoLte,
  $ne as mingoNe,
} from 'mingo/operators/expression';
import type { AnyObject, Options } from 'mingo/types';

/**
 * Comparison expressions as mongod computes them: a missing field is not null. In queries
 * `{ a: null }` matches a missing `a`, but in expressions (`$expr`, `$project`...) missing sorts
 * before null, so `{ $eq: ['$deletedAt', null] }` is false where `deletedAt` is absent. mingo
 * took the two as equal.
 */
type Expression = (obj: AnyObject, expr: unknown, options: Options) => unknown;

/** -1 or 1 when one operand is missing and the other null; undefined otherwise. */
function missingAgainstNull(a: unknown, b: unknown): -1 | 1 | undefined {
  if (a === undefined && b === null) return -1;
  if (a === null && b === undefined) return 1;
  return undefined;
}

const comparison =
  (mingo: Expression, decide: (order: -1 | 1) => unknown): Expression =>
  (obj, expr, options) => {
    if (Array.isArray(expr) && expr.length === 2) {
      const [a, b] = expr.map((arg) => evalExpr(obj, arg, options) as unknown);
      const order = missingAgainstNull(a, b);
      if (order !== undefined) return decide(order);
      return mingo(obj, [{ $literal: a }, { $literal: b }], options);
    }
    return mingo(obj, expr, options);
  };

export const $eq = comparison(mingoEq as Expression, () => false);
export const $ne = comparison(mingoNe as Expression, () => true);
export const $cmp = comparison(mingoCmp as Expression, (order) => order);
export const $lt = comparison(mingoLt as Expression, (order) => order < 0);
export const $lte = comparison(mingoLte as Expression, (order) => order < 0);
export const $gt = comparison(mingoGt as Expression, (order) => order > 0);
export const $gte = comparison(mingoGte as Expression, (order) => order > 0);
