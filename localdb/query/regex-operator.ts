import { $regex as mingoRegex } from 'mingo/operators/query';
import type { AnyObject, Options } from 'mingo/types';
import { collationOf } from './collation.ts';
import { originOf } from './view.ts';

/**
 * `$regex` (and `{ field: /re/ }`) matched against the stored strings: mongod applies no
 * collation to regular expressions. Under a folding collation the filter is tested on a folded
 * copy of the document (storage/filter-match.ts, stage-fixes.ts `$match`), whose origin is the
 * document itself: `/^A/` then matches 'Apple' only, not 'apple'.
 */
export function $regex(selector: string, value: unknown, options: Options) {
  const test = mingoRegex(selector, value, options);
  if (!collationOf(options.collation)?.fold) return test;
  return (o: AnyObject) => test((originOf(o) as AnyObject | undefined) ?? o);
}
