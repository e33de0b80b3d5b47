import type { Iterator } from 'mingo/lazy';
import {
  $replaceRoot as mingoReplaceRoot,
  $replaceWith as mingoReplaceWith,
} from 'mingo/operators/pipeline';
import type { AnyObject, Options } from 'mingo/types';
import { CommandError } from '../../errors.ts';
import { bsonTypeName } from '../bson-type-name.ts';
import { parseCollation } from '../collation.ts';
import { isPlainObject } from '../paths.ts';
import { originOf } from '../view.ts';
import { compileTyped, isTypedExpression } from './expression.ts';

/**
 * `$replaceRoot` and `$replaceWith` whose new root keeps stored types: a field path, a
 * `$mergeObjects` (objects.ts) or an object expression is evaluated typed, so a subdocument
 * brought up, or fields merged from one, answer decimal128 and int64 values as stored. Other
 * expressions are mingo's.
 */
function replaced(newRoot: unknown, stored: unknown, options: Options) {
  const typed =
    isTypedExpression(newRoot) ||
    (isPlainObject(newRoot) && Object.keys(newRoot).every((k) => !k.startsWith('$')));
  if (!typed) return undefined;
  const compute = compileTyped(newRoot, options, parseCollation(options.collation)?.fold, stored);
  return (obj: AnyObject): AnyObject => {
    const root = compute(obj);
    if (isPlainObject(root)) return root;
    throw new CommandError(
      'Location40228',
      `'newRoot' expression must evaluate to an object, but resulting value was of type: ${bsonTypeName(root)}`,
    );
  };
}

export function $replaceRoot(collection: Iterator, expr: AnyObject, options: Options): Iterator {
  const stored = (originOf(expr) as AnyObject | undefined)?.newRoot;
  const compute = isPlainObject(expr) ? replaced(expr.newRoot, stored, options) : undefined;
  if (!compute) return mingoReplaceRoot(collection, expr as never, options);
  return collection.map((obj) => compute(obj as AnyObject));
}

export function $replaceWith(collection: Iterator, expr: unknown, options: Options): Iterator {
  const compute = replaced(expr, undefined, options);
  if (!compute) return mingoReplaceWith(collection, expr as never, options);
  return collection.map((obj) => compute(obj as AnyObject));
}
