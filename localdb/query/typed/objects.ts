import type { AnyObject } from 'mingo/types';
import { isPlainObject } from '../paths.ts';
import { adoptOrigin, originOf } from '../view.ts';
import { DEFER } from './numbers.ts';

/**
 * `$mergeObjects` of view objects into one whose origin merges theirs, so the fields it takes
 * keep their stored types (`{ $mergeObjects: ['$$ROOT', '$details'] }` under `$replaceRoot`, a
 * common flattening). Null and missing operands are skipped; anything else not an object is
 * mingo's to refuse.
 */
export function mergeObjects(operands: readonly unknown[]): unknown {
  const view: AnyObject = {};
  const twin: AnyObject = {};
  for (const operand of operands) {
    if (operand === null || operand === undefined) continue;
    if (!isPlainObject(operand)) return DEFER;
    const origin = originOf(operand) as AnyObject | undefined;
    for (const [key, value] of Object.entries(operand)) {
      view[key] = value;
      twin[key] = origin && Object.hasOwn(origin, key) ? origin[key] : value;
    }
  }
  adoptOrigin(view, twin);
  return view;
}
