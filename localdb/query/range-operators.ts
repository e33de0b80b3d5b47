import type { AnyObject, Options } from 'mingo/types';
import { compare, ensureArray, resolve, typeOf } from 'mingo/util';
import { parseCollation } from './collation.ts';

/**
 * `$gt`, `$gte`, `$lt` and `$lte` in filters, as mingo reads them (same-type values, an array
 * field matching by any element) but with MongoDB's NaN: NaN equals NaN and lies outside every
 * range of other numbers, so `{ c: { $gte: 0 } }` does not match NaN (mingo's comparison of NaN
 * with a number answered "equal", and matched it). Under a collation strings compare in its
 * order, as the same command's sort orders them (a keyset page's `$gt` agrees with its `sort`).
 */
type QueryOperator = (
  selector: string,
  value: unknown,
  options: Options,
) => (o: AnyObject) => boolean;

function range(test: (order: number) => boolean, nanMatchesNaN: boolean): QueryOperator {
  return (selector, value, options) => {
    // mingo's own option objects may carry an empty `collation` (its updater's arrayFilters).
    const spec = options.collation;
    const strings = typeof spec?.locale === 'string' ? parseCollation(spec)?.compare : undefined;
    const matches = (v: unknown, bound: unknown): boolean => {
      if (typeof v === 'number' && typeof bound === 'number') {
        if (Number.isNaN(v) || Number.isNaN(bound))
          return nanMatchesNaN && Number.isNaN(v) && Number.isNaN(bound);
      }
      if (strings && typeof v === 'string' && typeof bound === 'string')
        return test(strings(v, bound));
      return typeOf(v) === typeOf(bound) && test(compare(v, bound));
    };
    return (o) => {
      const lhs: unknown = resolve(o, selector, { unwrapArray: true });
      return ensureArray(lhs).some((v) => matches(v, value));
    };
  };
}

export const $gt = range((order) => order > 0, false);
export const $gte = range((order) => order >= 0, true);
export const $lt = range((order) => order < 0, false);
export const $lte = range((order) => order <= 0, true);
