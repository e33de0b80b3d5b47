import { Query } from 'mingo/query';
import type { AnyObject, Options } from 'mingo/types';
import { resolve } from 'mingo/util';
import { isPlainObject } from './paths.ts';

/** Operators that stand at a filter's top level: not an element's own conditions. */
const TOP_LEVEL = new Set(['$and', '$or', '$nor', '$expr', '$where', '$text', '$comment']);

/**
 * The `$elemMatch` projection: the first element matching the condition, as mongod answers it,
 * also over an array of scalars (`{ scores: { $elemMatch: { $gt: 80 } } }`), whose conditions
 * are operators on the element itself; mingo read them as a filter's top level and refused them.
 */
export function $elemMatch(obj: AnyObject, expr: unknown, field: string, options: Options) {
  const array = resolve(obj, field);
  if (!Array.isArray(array)) return undefined;
  const own =
    isPlainObject(expr) &&
    Object.keys(expr).length > 0 &&
    Object.keys(expr).every((k) => k.startsWith('$') && !TOP_LEVEL.has(k));
  const query = new Query((own ? { element: expr } : expr) as AnyObject, options);
  const found = array.find((element) => query.test(own ? { element } : element));
  return found === undefined ? undefined : [found];
}
