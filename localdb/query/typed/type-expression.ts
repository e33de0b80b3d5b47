import type { AnyObject, Options } from 'mingo/types';
import { bsonTypeName } from '../bson-type-name.ts';
import { evalTyped } from './expression.ts';

/**
 * The `$type` expression (not the query operator): the alias of the value as stored, 'missing'
 * for an absent field. mingo reads the view, which would name a decimal128 or int64 'double'.
 */
export function $type(obj: AnyObject, expr: unknown, options: Options): string {
  return bsonTypeName(evalTyped(obj, expr, options));
}
